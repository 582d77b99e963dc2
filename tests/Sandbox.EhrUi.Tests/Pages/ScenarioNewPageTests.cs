using System.Net;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The pages that save an EHR launch as a scenario and delete it, over HTTP.</summary>
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

    [Fact]
    public async Task Delete_Unconfirmed_KeepsScenario()
    {
        var scenario = await SaveScenarioAsync();

        using var response = await _ehr.SubmitAsync(scenario, new(), "Delete");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The scenario was not deleted: tick the box", page);
        Assert.Contains("name=\"confirm\" value=\"true\" required", page);
        using var lookup = await _ehr.Client.GetAsync(scenario);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesScenario()
    {
        var scenario = await SaveScenarioAsync();

        using var response = await _ehr.SubmitAsync(scenario, new() { ["confirm"] = "true" }, "Delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var lookup = await _ehr.Client.GetAsync(scenario);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    // Returns the saved scenario's path, scenarios/{id}.
    private async Task<string> SaveScenarioAsync()
    {
        var launchId = await LaunchSampleAppAsync();
        using var saved = await _ehr.SubmitAsync($"scenarios/new?launch={launchId}", new() { ["Name"] = "Demo" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString.TrimStart('/');
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
