namespace Sandbox.EndToEnd.Tests.Smart;

public sealed class EhrLaunchTests(BrowserFixture browser, SmartAppFixture smart)
    : IClassFixture<BrowserFixture>, IClassFixture<SmartAppFixture>
{
    [Fact]
    public async Task EhrLaunch_FhirClientApp_ShowsPatientContext()
    {
        var launchUrl = await smart.CreateEhrLaunchAsync(SmartAppFixture.PublicClientId);
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(launchUrl);
        var shown = await AppPage.ReadAsync(page);

        Assert.Equal(string.Empty, shown.Error);
        Assert.Equal(smart.PatientId, shown.PatientId);
        Assert.Contains(smart.PatientFamily, shown.PatientName);
        Assert.Equal(smart.EncounterId, shown.EncounterId);
    }

    [Fact]
    public async Task EhrLaunch_FhirClientApp_ListsPatientObservations()
    {
        var launchUrl = await smart.CreateEhrLaunchAsync(SmartAppFixture.PublicClientId);
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(launchUrl);
        var shown = await AppPage.ReadAsync(page);

        Assert.True(smart.ObservationCount > 0);
        Assert.Equal(smart.ObservationCount.ToString(System.Globalization.CultureInfo.InvariantCulture), shown.ObservationCount);
        Assert.All(shown.ObservationSubjects, subject => Assert.Equal($"Patient/{smart.PatientId}", subject));
    }

    [Fact]
    public async Task EhrLaunch_ConfidentialApp_ShowsPatientContext()
    {
        var launchUrl = await smart.CreateEhrLaunchAsync(SmartAppFixture.ConfidentialClientId);
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(launchUrl);
        var shown = await AppPage.ReadAsync(page);

        Assert.Equal(string.Empty, shown.Error);
        Assert.Equal(smart.PatientId, shown.PatientId);
        Assert.Equal(smart.EncounterId, shown.EncounterId);
    }

    [Fact]
    public async Task EhrLaunch_SimulatedAccessDenied_ReachesApp()
    {
        var launchUrl = await smart.CreateEhrLaunchAsync(SmartAppFixture.PublicClientId, simulatedError: "AuthorizeAccessDenied");
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(launchUrl);
        var shown = await AppPage.ReadAsync(page);

        var redirect = new Uri(page.Url);
        Assert.Contains("error=access_denied", redirect.Query);
        Assert.Contains("state=", redirect.Query);
        Assert.Contains("access_denied", shown.Error);
        Assert.Equal(string.Empty, shown.PatientId);
    }
}
