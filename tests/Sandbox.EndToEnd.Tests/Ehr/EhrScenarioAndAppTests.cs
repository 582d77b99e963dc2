using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Ehr;

public sealed class EhrScenarioAndAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions AppTimeout = new() { Timeout = 20_000 };

    [Fact]
    public async Task Scenario_SavedAndReplayed_AppReceivesEncounter()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        var encounterId = await session.OpenChartWithEncounterAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Apps", Exact = true }).Last.ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Save as scenario" }).ClickAsync();
        await session.Page.GetByLabel("Name").FillAsync("Ava at her visit");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Save scenario" }).ClickAsync();
        var shareUrl = await session.Page.Locator("#share-url").GetAttributeAsync("href");
        await session.SaveScreenshotAsync("ehr-scenario");

        await session.Page.GotoAsync("scenarios");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Launch scenario Ava at her visit" }).ClickAsync();
        var app = session.Page.FrameLocator("iframe.app-frame");
        await app.GetByText($"Context encounter: Encounter/{encounterId}").WaitForAsync(AppTimeout);

        Assert.Contains("/frame", session.Page.Url);
        Assert.Contains("/scenarios/shared?s=", shareUrl);
    }

    [Fact]
    public async Task Scenario_SharedUrl_ShowsSameLaunch()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync($"patients/{EhrSession.PatientId}/apps");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Save as scenario" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Save scenario" }).ClickAsync();
        var shareUrl = await session.Page.Locator("#share-url").GetAttributeAsync("href");

        await session.Page.GotoAsync(shareUrl!);

        var text = await session.Page.InnerTextAsync("main");
        Assert.Contains("shared link", text);
        Assert.Contains(EhrSession.PatientId, text);
    }

    [Fact]
    public async Task AppRegistration_ConfidentialApp_ShowsSecretOnce()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync("apps/new");
        await session.Page.GetByLabel("Name").FillAsync("Bedside charting");
        await session.Page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Confidential (client secret)" });
        await session.Page.GetByLabel("Redirect URIs, one per line (matched exactly)").FillAsync("http://localhost:9000/callback");
        await session.Page.GetByLabel("Launch URL (opened with iss and launch)").FillAsync("http://localhost:9000/launch");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Register app" }).ClickAsync();
        await session.Page.Locator("#client-secret").WaitForAsync();
        await session.SaveScreenshotAsync("ehr-app-registered");
        var secret = await session.Page.Locator("#client-secret").InnerTextAsync();
        var clientId = await session.Page.Locator("#client-id").InnerTextAsync();
        await session.Page.GotoAsync($"apps/{clientId}");

        Assert.False(string.IsNullOrWhiteSpace(secret));
        Assert.Equal(0, await session.Page.Locator("#client-secret").CountAsync());
        Assert.Contains("Bedside charting", await session.Page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task AppRegistration_InvalidJwks_ShowsReason()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync("apps/new");
        await session.Page.GetByLabel("Name").FillAsync("Broken keys");
        await session.Page.GetByLabel("JWK Set, pasted (asymmetric apps and backend services)").FillAsync("{not json");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Register app" }).ClickAsync();

        Assert.Contains("not valid JSON", await session.Page.GetByRole(AriaRole.Alert).InnerTextAsync());
    }
}
