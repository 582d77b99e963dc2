using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The launch list's Clear launches form, posted as a browser posts it.</summary>
public sealed class LaunchListClearPageTests : IAsyncLifetime
{
    private const string ClientId = "clear-list-app";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("empty");
        await _ehr.Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Clear list app", RedirectUris = ["http://127.0.0.1:9/callback"], LaunchUrl = "http://127.0.0.1:9/launch" });
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Clear_Confirmed_EmptiesListAndEndsLaunch()
    {
        var launchId = await CreateApiLaunchAsync();

        using var cleared = await _ehr.SubmitAsync("launches", new() { ["confirm"] = "true" }, handler: "Clear");
        var html = await _ehr.Client.GetStringAsync("launches");
        using var launch = await _ehr.Server.Client.GetAsync($"api/launches/{launchId}");

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal("/launches", cleared.Headers.Location?.OriginalString);
        Assert.Contains("The launch list was cleared: 1 launch was ended", html);
        Assert.DoesNotContain($"data-launch=\"{launchId}\"", html);
        Assert.Equal(HttpStatusCode.NotFound, launch.StatusCode);
    }

    [Fact]
    public async Task Clear_NotConfirmed_KeepsLaunches()
    {
        var launchId = await CreateApiLaunchAsync();

        using var response = await _ehr.SubmitAsync("launches", [], handler: "Clear");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The launch list was not cleared", html);
        Assert.Contains($"data-launch=\"{launchId}\"", html);
    }

    [Fact]
    public async Task List_WithLaunches_StatesWhatClearingDoes()
    {
        await CreateApiLaunchAsync();

        var html = await _ehr.Client.GetStringAsync("launches");

        Assert.Contains("Access and refresh tokens already issued keep working", html);
        Assert.Contains("name=\"confirm\"", html);
        Assert.Contains("action=\"/launches?handler=Clear\"", html);
    }

    private async Task<string> CreateApiLaunchAsync()
    {
        using var response = await _ehr.Server.Client.PostAsJsonAsync("api/launches", new { clientId = ClientId });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return created!["launchId"]!.GetValue<string>();
    }
}
