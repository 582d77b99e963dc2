using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Smart;

public sealed class StandaloneLaunchTests(BrowserFixture browser, SmartAppFixture smart)
    : IClassFixture<BrowserFixture>, IClassFixture<SmartAppFixture>
{
    [Fact]
    public async Task Standalone_PatientPersona_ShowsOwnRecord()
    {
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(smart.LaunchPage(SmartAppFixture.ConsentClientId, SmartAppFixture.StandaloneScope, standalone: true));
        await SignInAsync(page, SmartAppFixture.PatientUser);
        await page.ClickAsync("button[value=allow]");
        var shown = await AppPage.ReadAsync(page);

        Assert.Equal(string.Empty, shown.Error);
        Assert.Equal(smart.PatientId, shown.PatientId);
        Assert.Contains(smart.PatientFamily, shown.PatientName);
        Assert.Equal("none", shown.EncounterId);
    }

    [Fact]
    public async Task Standalone_ConsentDenied_ReachesAppAsAccessDenied()
    {
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(smart.LaunchPage(SmartAppFixture.ConsentClientId, SmartAppFixture.StandaloneScope, standalone: true));
        await SignInAsync(page, SmartAppFixture.PatientUser);
        await page.ClickAsync("button[value=deny]");
        var shown = await AppPage.ReadAsync(page);

        Assert.Contains("error=access_denied", new Uri(page.Url).Query);
        Assert.Contains("access_denied", shown.Error);
    }

    [Fact]
    public async Task Standalone_ProviderPicksPatient_ShowsPickedPatient()
    {
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(smart.LaunchPage(SmartAppFixture.PublicClientId, SmartAppFixture.StandaloneScope, standalone: true));
        await SignInAsync(page, SmartAppFixture.DoctorUser);
        var picked = await PickPatientAsync(page);
        var shown = await AppPage.ReadAsync(page);

        var patient = await smart.ReadAsDoctorAsync($"Patient/{picked}");
        Assert.Equal(string.Empty, shown.Error);
        Assert.Equal(picked, shown.PatientId);
        Assert.Contains(patient["name"]![0]!["family"]!.GetValue<string>(), shown.PatientName);
        Assert.All(shown.ObservationSubjects, subject => Assert.Equal($"Patient/{picked}", subject));
    }

    private static async Task SignInAsync(IPage page, string username)
    {
        await page.CheckAsync($"#persona-{username}");
        await page.ClickAsync("button[type=submit]");
    }

    // Picks the last patient the picker offers, so the choice is not simply the default.
    private async Task<string> PickPatientAsync(IPage page)
    {
        var choices = page.Locator("input[type=radio][name=patientId]");
        if (await choices.CountAsync() == 0)
        {
            await page.FillAsync("#patientId", smart.OtherPatientId);
            await page.ClickAsync("button[type=submit]");
            return smart.OtherPatientId;
        }

        var choice = choices.Last;
        var id = (await choice.GetAttributeAsync("value"))!;
        await choice.CheckAsync();
        await page.ClickAsync("button[type=submit]");
        return id;
    }
}
