using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// How the authorize endpoint grants a resource scope that the app's registration covers only
/// in part. The allowed part is granted in the syntax the app used. A scope without an allowed
/// part, or with an unknown resource type, is dropped.
/// </summary>
public sealed class ScopeNarrowingTests
{
    private static readonly string[] ReadOnlyScopes = ["launch", "patient/*.rs", "patient/*.read"];

    private static object Launch() => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
    };

    [Theory]
    [InlineData("launch patient/*.cruds", "launch patient/*.rs")]
    [InlineData("launch patient/Observation.cruds", "launch patient/Observation.rs")]
    [InlineData("launch patient/*.*", "launch patient/*.read")]
    [InlineData("launch patient/Observation.*", "launch patient/Observation.read")]
    public async Task ReadOnlyApp_WiderScope_GrantsAllowedPart(string requested, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: ReadOnlyScopes);

        var token = await fixture.LaunchAndRedeemAsync("app", requested, Launch());

        Assert.Equal(expected, token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task NarrowedScope_ReachesAllowedPart()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: ReadOnlyScopes);

        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.cruds", Launch());
        using var response = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", token["access_token"]!.GetValue<string>());

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RejectPolicy_WiderScope_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject", scopes: ReadOnlyScopes);
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.cruds", Pkce.Create(), launch));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_scope", query["error"]);
        Assert.Contains("'patient/*.rs'", query["error_description"]);
    }

    [Fact]
    public async Task NarrowedScope_RecordsWarning()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopes: ReadOnlyScopes);
        var launch = await fixture.CreateLaunchAsync(Launch());

        await fixture.RedeemLaunchAsync("app", "launch patient/*.cruds", launch);

        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{launch}/events"))!;
        var narrowed = Assert.Single(events, entry => entry!["message"]!.GetValue<string>().StartsWith("Scope narrowed: ", StringComparison.Ordinal));
        Assert.Equal("Warning", narrowed!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownResourceType_IsDropped()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/Foo.rs patient/Observation.rs", Launch());

        Assert.Equal("launch patient/Observation.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownResourceType_RejectPolicy_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/Foo.rs", Pkce.Create(), launch));

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
    }
}
