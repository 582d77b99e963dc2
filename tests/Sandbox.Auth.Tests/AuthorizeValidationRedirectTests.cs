using System.Net;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Errors raised by OpenIddict's own checks of an authorization request go back to the app's
/// verified redirect URI with error and state (RFC 6749 section 4.1.2.1).
/// </summary>
public sealed class AuthorizeValidationRedirectTests
{
    private static async Task<Dictionary<string, string>> RedirectAsync(AuthFixture fixture, string url)
    {
        var response = await fixture.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(AuthFixture.RedirectUri, location.AbsoluteUri, StringComparison.Ordinal);
        return AuthorizeRequest.RedirectParameters(location);
    }

    private static async Task<AuthFixture> StartWithAppAsync()
    {
        var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "Off" });
        await fixture.RegisterPublicAppAsync("app");
        return fixture;
    }

    [Fact]
    public async Task Authorize_ResponseTypeToken_RedirectsUnsupportedResponseType()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("response_type", "token")));

        Assert.Equal("unsupported_response_type", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_ResponseTypeToken_UsesFragment()
    {
        await using var fixture = await StartWithAppAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("response_type", "token")));

        Assert.Contains("error=unsupported_response_type", response.Headers.Location!.Fragment);
    }

    [Fact]
    public async Task Authorize_MissingResponseType_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("response_type", null)));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_UnknownChallengeMethod_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("code_challenge_method", "S512")));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_MethodWithoutChallenge_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("code_challenge", null)));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_MalformedChallenge_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("code_challenge", "too-short")));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_PlainChallengeMethod_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("code_challenge_method", "plain")));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_PublicAppWithoutPkce_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();
        var url = AuthorizeRequest.Url(fixture, ("code_challenge", null), ("code_challenge_method", null));

        var parameters = await RedirectAsync(fixture, url);

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_UnknownResponseMode_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("response_mode", "bogus")));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithLogin_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("prompt", "none login")));

        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_RequestObject_RedirectsRequestNotSupported()
    {
        await using var fixture = await StartWithAppAsync();

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("request", "eyJhbGciOiJub25lIn0.e30.")));

        Assert.Equal("request_not_supported", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Theory]
    [InlineData("urn:ietf:params:oauth:request_uri:unknown")]
    [InlineData("urn:x:1")]
    [InlineData("https://app.example/request.jwt")]
    public async Task Authorize_RequestUri_RedirectsInvalidRequestUri(string requestUri)
    {
        await using var fixture = await StartWithAppAsync();
        var url = AuthorizeRequest.Url(fixture, ("request_uri", requestUri));

        var parameters = await RedirectAsync(fixture, url);

        Assert.Equal("invalid_request_uri", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_RejectScopePolicy_RedirectsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject", scopes: ["openid", "patient/Observation.rs"]);

        var parameters = await RedirectAsync(fixture, AuthorizeRequest.Url(fixture, ("scope", "openid patient/Condition.rs")));

        Assert.Equal("invalid_scope", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_PostResponseTypeToken_RedirectsUnsupportedResponseType()
    {
        await using var fixture = await StartWithAppAsync();
        var query = new Uri(fixture.Server.BaseAddress, AuthorizeRequest.Url(fixture, ("response_type", "token"))).Query;
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

        var response = await fixture.Client.PostAsync("/auth/authorize", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var parameters = AuthorizeRequest.RedirectParameters(response.Headers.Location!);
        Assert.Equal("unsupported_response_type", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_LooseClientResponseTypeToken_Redirects()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var url = AuthorizeRequest.Url(fixture, ("client_id", "never-registered"), ("response_type", "token"));

        var parameters = await RedirectAsync(fixture, url);

        Assert.Equal("unsupported_response_type", parameters["error"]);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }
}
