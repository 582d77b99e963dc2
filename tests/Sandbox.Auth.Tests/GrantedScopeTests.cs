using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// What a grant contains when scopes are missing: no grantable scope, context scopes left out,
/// and identity scopes in a launch without a user.
/// </summary>
public sealed class GrantedScopeTests
{
    private static object Launch(string? user = AuthFixture.PractitionerUser) => new
    {
        clientId = "app",
        user,
        patient = AuthFixture.PatientId,
        encounter = "e-1",
        intent = "reconcile",
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<Dictionary<string, string>> AuthorizeAsync(AuthFixture fixture, string scope, object launchRequest)
    {
        var launch = await fixture.CreateLaunchAsync(launchRequest);
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", scope, Pkce.Create(), launch));
        return AuthFixture.Query(redirect);
    }

    [Fact]
    public async Task Authorize_EmptyScope_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var query = await AuthorizeAsync(fixture, "", Launch());

        Assert.Equal("invalid_scope", query["error"]);
    }

    [Fact]
    public async Task Authorize_OnlyUnknownScopes_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var query = await AuthorizeAsync(fixture, "bogus/scope", Launch());

        Assert.Equal("invalid_scope", query["error"]);
        Assert.Contains("bogus/scope", query["error_description"]);
    }

    [Fact]
    public async Task Token_WithoutContextScopes_OmitsContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "patient/*.rs", Launch());

        Assert.Equal("patient/*.rs", token["scope"]!.GetValue<string>());
        Assert.Null(token["patient"]);
        Assert.Null(token["encounter"]);
        Assert.Null(token["need_patient_banner"]);
        Assert.Null(token["intent"]);
    }

    [Fact]
    public async Task Token_WithoutContextScopes_KeepsPatientLimit()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "patient/*.rs", Launch());
        var accessToken = token["access_token"]!.GetValue<string>();

        var own = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);
        var other = await fixture.GetFhirAsync("Patient/p-2", accessToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Token_LaunchPatientScope_ReturnsPatientOnly()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch/patient patient/*.rs", Launch());

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.True(token["need_patient_banner"]!.GetValue<bool>());
        Assert.Null(token["encounter"]);
        Assert.Null(token["intent"]);
    }

    [Fact]
    public async Task Token_LaunchScope_ReturnsWholeContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch());

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.Equal("e-1", token["encounter"]!.GetValue<string>());
        Assert.Equal("reconcile", token["intent"]!.GetValue<string>());
    }

    [Fact]
    public async Task LaunchWithoutUser_DropsIdentityScopes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch openid fhirUser profile patient/*.rs", Launch(user: null));

        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
        Assert.Null(token["id_token"]);
    }

    [Fact]
    public async Task LaunchWithoutUser_RejectPolicy_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject");

        var query = await AuthorizeAsync(fixture, "launch openid fhirUser patient/*.rs", Launch(user: null));

        Assert.Equal("invalid_scope", query["error"]);
        Assert.Contains("'openid'", query["error_description"]);
    }

    [Fact]
    public async Task LaunchWithoutUser_IdentityOnly_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var query = await AuthorizeAsync(fixture, "openid fhirUser", Launch(user: null));

        Assert.Equal("invalid_scope", query["error"]);
    }

    [Fact]
    public async Task Headless_UnknownScopeOnly_Returns422InvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var request = new { clientId = "app", scope = "bogus/scope", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId };

        var response = await fixture.Client.PostAsJsonAsync("/api/launches/headless", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid_scope", problem["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_SystemScope_IsDropped()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch system/*.rs patient/*.rs", Launch(AuthFixture.PatientUser));

        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
        var read = await fixture.GetFhirAsync("Patient/p-2", token["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Authorize_OnlySystemScope_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var query = await AuthorizeAsync(fixture, "system/*.cruds", Launch());

        Assert.Equal("invalid_scope", query["error"]);
        Assert.Contains("client_credentials", query["error_description"]);
    }
}
