using System.Globalization;
using Microsoft.Playwright;
using Sandbox.Auth.Apps;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>
/// The fhirclient.js test app, registered through <c>/api/apps</c> and served from its own
/// origin, launched with the Launch button of the EHR's app gallery for the patient and the
/// encounter chosen in the chart, embedded in the EHR frame and in a new tab.
/// </summary>
public sealed class EhrUiFhirClientTests(BrowserFixture browser, SmartAppFixture smart)
    : IClassFixture<BrowserFixture>, IClassFixture<SmartAppFixture>
{
    private const string FrameClientId = "e2e-ehr-ui-frame";
    private const string TabClientId = "e2e-ehr-ui-tab";

    [Fact]
    public async Task LaunchButton_Embedded_AppShowsChartContext()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var appName = await RegisterAsync(FrameClientId);
        await SignInAsync(page);
        var encounterId = await OpenChartAndChooseEncounterAsync(page);

        await OpenAppGalleryAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Launch {appName}" }).ClickAsync();
        var frame = page.FrameLocator("iframe.app-frame");
        await frame.Locator("#done:has-text('done')").WaitForAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ehr-fhirclient-frame.png") });

        Assert.Contains("/frame", page.Url);
        Assert.Equal(string.Empty, await frame.Locator("#error").InnerTextAsync());
        Assert.Equal(smart.PatientId, await frame.Locator("#patient-id").InnerTextAsync());
        Assert.Contains(smart.PatientFamily, await frame.Locator("#patient-name").InnerTextAsync());
        Assert.Equal(encounterId, await frame.Locator("#encounter-id").InnerTextAsync());
        Assert.Equal(ObservationCount, await frame.Locator("#observation-count").InnerTextAsync());
        var subjects = await frame.Locator("li.observation").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.subject)");
        Assert.All(subjects, subject => Assert.Equal($"Patient/{smart.PatientId}", subject));
    }

    [Fact]
    public async Task LaunchButton_NewTab_AppShowsChartContext()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var appName = await RegisterAsync(TabClientId);
        await SignInAsync(page);
        var encounterId = await OpenChartAndChooseEncounterAsync(page);
        await OpenAppGalleryAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Launch options of {appName}" }).ClickAsync();
        await page.GetByLabel("In a new tab").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save options" }).ClickAsync();

        var tab = await context.RunAndWaitForPageAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = $"Launch {appName}" }).ClickAsync());
        var shown = await AppPage.ReadAsync(tab);

        Assert.StartsWith(smart.AppOrigin.BaseAddress.AbsoluteUri, tab.Url);
        Assert.Equal(string.Empty, shown.Error);
        Assert.Equal(smart.PatientId, shown.PatientId);
        Assert.Contains(smart.PatientFamily, shown.PatientName);
        Assert.Equal(encounterId, shown.EncounterId);
        Assert.Equal(ObservationCount, shown.ObservationCount);
        Assert.All(shown.ObservationSubjects, subject => Assert.Equal($"Patient/{smart.PatientId}", subject));
    }

    private string ObservationCount => smart.ObservationCount.ToString(CultureInfo.InvariantCulture);

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = smart.Sandbox.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private async Task<string> RegisterAsync(string clientId)
    {
        var name = $"E2E fhirclient {clientId}";
        var existing = await smart.Sandbox.Client.GetAsync($"api/apps/{clientId}");
        if (existing.IsSuccessStatusCode)
            return name;

        await smart.Sandbox.RegisterAppAsync(new SmartApp
        {
            ClientId = clientId,
            Name = name,
            Kind = AppKind.Public,
            RedirectUris = [smart.AppOrigin.Url("index.html")],
            LaunchUrl = smart.LaunchPage(clientId, SmartAppFixture.AppScope),
        });
        return name;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "E2E Doctor" }).ClickAsync();
        await page.WaitForPageAsync("**/patients");
    }

    // Finds the patient by family name in the patient list, opens the chart and chooses the
    // first encounter the Encounters tab offers, whose id it returns.
    private async Task<string> OpenChartAndChooseEncounterAsync(IPage page)
    {
        await page.GotoAsync($"patients?name={Uri.EscapeDataString(smart.PatientFamily)}");
        await page.Locator($"main a[href='/patients/{smart.PatientId}']").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Encounters", Exact = true }).ClickAsync();
        await page.Locator("main a:has-text('Choose')").First.ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("encounter=", StringComparison.Ordinal));
        return new Uri(page.Url).Query.Split("encounter=")[1].Split('&')[0];
    }

    private static async Task OpenAppGalleryAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Apps", Exact = true }).Last.ClickAsync();
        await page.WaitForPageAsync("**/apps**");
    }
}
