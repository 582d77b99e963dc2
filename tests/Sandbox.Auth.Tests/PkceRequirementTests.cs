using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// SMART App Launch 2 requires PKCE with S256 of every app, so an authorization request without a
/// code challenge is rejected unless the app was registered with PKCE optional.
/// </summary>
public sealed class PkceRequirementTests
{
    private static string UrlWithoutPkce(AuthFixture fixture, string clientId) =>
        AuthorizeRequest.Url(fixture, ("client_id", clientId), ("code_challenge", null), ("code_challenge_method", null));

    [Fact]
    public async Task Authorize_ConfidentialAppWithoutPkce_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });

        var redirect = await fixture.FollowToAppAsync(UrlWithoutPkce(fixture, "app"));

        var parameters = AuthorizeRequest.RedirectParameters(redirect);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("SMART App Launch 2 requires PKCE", parameters["error_description"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_LooseClientWithoutPkce_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "On" });

        var redirect = await fixture.FollowToAppAsync(UrlWithoutPkce(fixture, "never-registered"));

        var parameters = AuthorizeRequest.RedirectParameters(redirect);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("code_challenge is missing", parameters["error_description"]);
    }

    // A loose app that an earlier version stored carries "pkce": "Optional".
    [Fact]
    public async Task Authorize_LooseAppMarkedOptional_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "On" });
        await fixture.RegisterAppAsync(new { clientId = "loose-app", name = "Loose", isLoose = true, pkce = "Optional", redirectUris = new[] { AuthFixture.RedirectUri } });

        var redirect = await fixture.FollowToAppAsync(UrlWithoutPkce(fixture, "loose-app"));

        var parameters = AuthorizeRequest.RedirectParameters(redirect);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("code_challenge is missing", parameters["error_description"]);
    }

    [Fact]
    public async Task AdminApi_AppWithoutPkcePolicy_ReportsRequired()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });

        var app = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/app");

        Assert.Equal("Required", app!["effectivePkce"]!.GetValue<string>());
    }
}
