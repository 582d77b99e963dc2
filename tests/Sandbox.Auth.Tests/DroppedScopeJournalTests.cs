using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// How the launch journal records a requested scope that is not granted: a warning when the
/// request goes on with the other scopes, a failure when the client gets invalid_scope.
/// </summary>
public sealed class DroppedScopeJournalTests
{
    private static readonly string[] AllowedScopes = ["launch", "patient/Observation.rs"];

    private static object Launch(string? user = AuthFixture.PractitionerUser) => new
    {
        clientId = "app",
        user,
        patient = AuthFixture.PatientId,
        skipLogin = true,
    };

    [Fact]
    public async Task DropPolicy_DroppedScope_RecordsWarning()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: AllowedScopes);

        var launch = await LaunchAndRedeemAsync(fixture, "launch patient/Observation.rs patient/Condition.rs", Launch());

        var dropped = Assert.Single(await EventsAsync(fixture, launch), IsScopeDropped);
        Assert.Equal("Warning", dropped!["outcome"]!.GetValue<string>());
        Assert.Contains("'patient/Condition.rs'", dropped["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DropPolicy_DroppedScope_RecordsNoFailure()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: AllowedScopes);

        var launch = await LaunchAndRedeemAsync(fixture, "launch patient/Observation.rs patient/Condition.rs", Launch());

        var trace = await FindTraceAsync(fixture, launch);
        Assert.Null(trace["firstFailure"]);
        Assert.StartsWith("Scope dropped: ", trace["firstWarning"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task RejectPolicy_UngrantedScope_RecordsFailure()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject", scopes: AllowedScopes);
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/Condition.rs", Pkce.Create(), launch));

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
        var dropped = Assert.Single(await EventsAsync(fixture, launch), IsScopeDropped);
        Assert.Equal("Failed", dropped!["outcome"]!.GetValue<string>());
        var trace = await FindTraceAsync(fixture, launch);
        Assert.NotNull(trace["firstFailure"]);
        Assert.Null(trace["firstWarning"]);
    }

    [Fact]
    public async Task NoGrantableScope_DroppedScope_RecordsFailure()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: AllowedScopes);
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "patient/Condition.rs", Pkce.Create(), launch));

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
        var dropped = Assert.Single(await EventsAsync(fixture, launch), IsScopeDropped);
        Assert.Equal("Failed", dropped!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task LaunchWithoutUser_IdentityScopes_RecordsWarning()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var launch = await LaunchAndRedeemAsync(fixture, "launch openid fhirUser patient/*.rs", Launch(user: null));

        var dropped = Assert.Single(await EventsAsync(fixture, launch), IsScopeDropped);
        Assert.Equal("Warning", dropped!["outcome"]!.GetValue<string>());
        Assert.Contains("'openid', 'fhirUser'", dropped["message"]!.GetValue<string>());
        Assert.Null((await FindTraceAsync(fixture, launch))["firstFailure"]);
    }

    [Fact]
    public async Task LaunchWithoutUser_IdentityOnly_RecordsFailure()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch(user: null));

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "openid fhirUser", Pkce.Create(), launch));

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
        var dropped = Assert.Single(await EventsAsync(fixture, launch), IsScopeDropped);
        Assert.Equal("Failed", dropped!["outcome"]!.GetValue<string>());
    }

    private static async Task<string> LaunchAndRedeemAsync(AuthFixture fixture, string scope, object launchRequest)
    {
        var launch = await fixture.CreateLaunchAsync(launchRequest);
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", scope, pkce, launch));
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return launch;
    }

    private static bool IsScopeDropped(JsonNode? entry) =>
        entry!["message"]!.GetValue<string>().StartsWith("Scope dropped: ", StringComparison.Ordinal);

    private static async Task<JsonArray> EventsAsync(AuthFixture fixture, string launch) =>
        (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;

    private static async Task<JsonObject> FindTraceAsync(AuthFixture fixture, string key)
    {
        var traces = (await fixture.Client.GetFromJsonAsync<JsonArray>("/api/launches"))!;
        return traces.Single(item => item!["key"]!.GetValue<string>() == key)!.AsObject();
    }
}
