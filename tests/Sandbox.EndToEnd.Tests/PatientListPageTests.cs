using Sandbox.EndToEnd.Tests.Ehr;

namespace Sandbox.EndToEnd.Tests;

public sealed class PatientListPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PatientList_SeededSandbox_ListsSeedPatient()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();

        var response = await session.Page.GotoAsync("patients?name=thompson");
        await session.SaveScreenshotAsync("patient-list");

        Assert.Equal(200, response!.Status);
        Assert.Contains("Thompson", await session.Page.InnerTextAsync("main"));
    }
}
