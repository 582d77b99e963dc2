using Sandbox.Testing;

namespace Sandbox.EndToEnd.Tests;

public sealed class PatientListPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PatientList_SeededSandbox_ListsSeedPatient()
    {
        await using var server = await SandboxServer.StartAsync();
        var page = await browser.Browser.NewPageAsync();

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "patients?name=thompson").ToString());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "patient-list.png") });

        Assert.Equal(200, response!.Status);
        Assert.Contains("Thompson", await page.InnerTextAsync("main"));
    }
}
