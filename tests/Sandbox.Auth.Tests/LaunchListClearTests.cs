using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary><c>DELETE /api/launches</c>, which clears the launch list between sessions.</summary>
public sealed class LaunchListClearTests
{
    private const string Scope = "launch patient/Patient.rs";

    [Fact]
    public async Task Clear_ActiveLaunch_NoLongerAuthorizes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(LaunchRequest());

        using var cleared = await fixture.Client.DeleteAsync("/api/launches");
        var body = await AuthFixture.ReadJsonAsync(cleared);
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create(), launch));

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(1, body["endedLaunches"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/launches/{launch}")).StatusCode);
        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Clear_Journals_ListIsEmpty()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await fixture.CreateLaunchAsync(LaunchRequest());
        await fixture.CreateLaunchAsync(LaunchRequest());

        using var cleared = await fixture.Client.DeleteAsync("/api/launches");
        var body = await AuthFixture.ReadJsonAsync(cleared);
        var journals = await fixture.Client.GetFromJsonAsync<JsonArray>("/api/launches");

        Assert.Equal(2, body["droppedJournals"]!.GetValue<int>());
        Assert.Empty(journals!);
    }

    [Fact]
    public async Task Clear_IssuedToken_KeepsWorking()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var tokens = await fixture.LaunchAndRedeemAsync("app", Scope, LaunchRequest());
        var accessToken = tokens["access_token"]!.GetValue<string>();

        using var cleared = await fixture.Client.DeleteAsync("/api/launches");
        using var read = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Clear_AdminKey_IsRequired()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = "clear-test-key" });
        using var withoutKey = server.CreateClient();

        using var rejected = await withoutKey.DeleteAsync("api/launches");
        using var accepted = await server.Client.DeleteAsync("api/launches");

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static object LaunchRequest() =>
        new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true };
}
