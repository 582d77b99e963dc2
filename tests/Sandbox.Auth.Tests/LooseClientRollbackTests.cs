using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Loose mode (on by default while the sandbox listens on loopback) keeps an unknown client only
/// when its authorization request was accepted.
/// </summary>
public sealed class LooseClientRollbackTests
{
    [Fact]
    public async Task Authorize_InvalidChallenge_RegistersNoApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var url = AuthorizeUrl(fixture, "ghost-app", ("code_challenge", "abc"), ("code_challenge_method", "S256"));

        var response = await fixture.Client.GetAsync(url);
        var apps = await fixture.Client.GetAsync("/api/apps/ghost-app");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("error=", response.Headers.Location!.Query);
        Assert.Equal(HttpStatusCode.NotFound, apps.StatusCode);
    }

    [Fact]
    public async Task Authorize_UnsupportedResponseType_RegistersNoApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var url = QueryHelpers.AddQueryString("/auth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "ghost2",
            ["response_type"] = "token",
            ["redirect_uri"] = AuthFixture.RedirectUri,
        });

        await fixture.Client.GetAsync(url);
        var apps = await fixture.Client.GetAsync("/api/apps/ghost2");

        Assert.Equal(HttpStatusCode.NotFound, apps.StatusCode);
    }

    [Fact]
    public async Task Authorize_ValidRequest_KeepsLooseApp()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("kept-app", "openid patient/*.rs", Pkce.Create()));
        var app = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/kept-app");

        Assert.StartsWith("/auth/login", response.Headers.Location!.OriginalString);
        Assert.True(app!["isLoose"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Authorize_RejectedNewRedirectUri_IsNotKept()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.Client.GetAsync(fixture.AuthorizeUrl("kept-app", "openid patient/*.rs", Pkce.Create()));
        var url = AuthorizeUrl(fixture, "kept-app", ("redirect_uri", "http://127.0.0.1:9/other"), ("code_challenge", "abc"), ("code_challenge_method", "S256"));

        await fixture.Client.GetAsync(url);
        var app = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/kept-app");

        var redirectUris = app!["redirectUris"]!.AsArray().Select(uri => uri!.GetValue<string>()).ToList();
        Assert.Equal([AuthFixture.RedirectUri], redirectUris);
    }

    // A code request that is valid apart from the parameters given.
    private static string AuthorizeUrl(AuthFixture fixture, string clientId, params (string Name, string Value)[] overrides)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["scope"] = "openid",
            ["state"] = "x",
            ["aud"] = fixture.FhirBase,
        };
        foreach (var (name, value) in overrides)
            parameters[name] = value;

        return QueryHelpers.AddQueryString("/auth/authorize", parameters);
    }
}
