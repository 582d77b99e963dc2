using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Ehr;

public sealed class EhrLaunchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions AppTimeout = new() { Timeout = 20_000 };

    [Fact]
    public async Task Chart_SignedOut_RedirectsToSignIn()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);

        await session.Page.GotoAsync($"patients/{EhrSession.PatientId}");

        Assert.Contains("/sign-in?returnUrl=", session.Page.Url);
    }

    [Fact]
    public async Task SignIn_Persona_ShowsUserInHeader()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.Page.GotoAsync("sign-in");
        await session.SaveScreenshotAsync("ehr-sign-in");

        await session.SignInAsync();

        Assert.Contains(EhrSession.PersonaName, await session.Page.InnerTextAsync("header"));
    }

    [Fact]
    public async Task Launch_Embedded_AppReceivesPatientAndEncounter()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        var encounterId = await session.OpenChartWithEncounterAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Apps", Exact = true }).Last.ClickAsync();
        await session.Page.WaitForPageAsync("**/apps**");
        await session.SaveScreenshotAsync("ehr-app-gallery");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync();
        var app = session.Page.FrameLocator("iframe.app-frame");
        await app.GetByText($"Context encounter: Encounter/{encounterId}").WaitForAsync(AppTimeout);
        await session.SaveScreenshotAsync("ehr-frame");

        Assert.Contains("/frame", session.Page.Url);
        Assert.True(await app.GetByText($"Context patient: Patient/{EhrSession.PatientId}").IsVisibleAsync());
        Assert.Contains("Thompson, Ava", await session.Page.InnerTextAsync(".patient-banner"));
    }

    [Fact]
    public async Task Launch_NewTab_AppReceivesPatient()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.OpenChartWithEncounterAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Apps", Exact = true }).Last.ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = $"Launch options of {EhrSession.SampleAppName}" }).ClickAsync();
        await session.Page.GetByLabel("In a new tab").CheckAsync();
        await session.SaveScreenshotAsync("ehr-launch-options");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Save options" }).ClickAsync();

        var tab = await session.Context.RunAndWaitForPageAsync(() =>
            session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync());
        await tab.GetByText($"Context patient: Patient/{EhrSession.PatientId}").WaitForAsync(AppTimeout);

        Assert.StartsWith(new Uri(session.Server.BaseAddress, "sample-app/").ToString(), tab.Url);
    }

    [Fact]
    public async Task Inspector_SimulatedError_ShowsReason()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync($"apps/{EhrSession.SampleAppClientId}/launch-options?patient={EhrSession.PatientId}");
        await session.Page.GetByLabel("Simulated error").SelectOptionAsync(new SelectOptionValue { Label = "Authorize: access_denied (AuthorizeAccessDenied)" });
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Save options" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync();
        await session.Page.FrameLocator("iframe.app-frame").GetByText("access_denied").WaitForAsync(AppTimeout);

        await session.Page.GotoAsync("launches");
        await session.Page.Locator("tbody a").First.ClickAsync();
        await session.Page.WaitForPageAsync("**/launches/*");
        await session.SaveScreenshotAsync("ehr-launch-inspector");

        var alert = await session.Page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("Simulated error: the user denied access.", alert);
    }
}
