using System.Net;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The page that saves an EHR launch as a scenario, over HTTP.</summary>
public sealed class ScenarioNewPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Save_BlankName_ShowsOneError()
    {
        var launchId = await LaunchSampleAppAsync();

        using var response = await _ehr.SubmitAsync($"scenarios/new?launch={launchId}", new() { ["Name"] = "   " });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<li>A scenario needs a name.</li>", page);
        Assert.DoesNotContain("The Name field is required.", page);
    }

    private async Task<string> LaunchSampleAppAsync()
    {
        var fields = new Dictionary<string, string> { ["clientId"] = "sandbox-sample-app" };
        using var launched = await _ehr.SubmitAsync("patients/p-ava-thompson/apps", fields, "Launch");
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);

        // The EHR redirects to /launches/{launchId}/frame.
        var segments = launched.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments[1];
    }
}
