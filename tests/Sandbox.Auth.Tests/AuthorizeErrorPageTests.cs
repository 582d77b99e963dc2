using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// An authorization request whose client or redirect URI fails its check gets an HTML error
/// page that names the check, and never a redirect.
/// </summary>
public sealed class AuthorizeErrorPageTests
{
    private static async Task<AuthFixture> StartStrictAsync()
    {
        var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "Off" });
        await fixture.RegisterPublicAppAsync("app");
        return fixture;
    }

    private static async Task<string> ReadErrorPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_UnknownClientStrict_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", "stranger")));

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The client_id 'stranger' is not registered", page);
        Assert.Contains("invalid_client", page);
    }

    [Fact]
    public async Task Authorize_UnknownClientTokenResponse_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("client_id", "stranger"), ("response_type", "token"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The client_id 'stranger' is not registered", page);
    }

    [Fact]
    public async Task UnregisteredRedirectUri_JournalNamesRegisteredUris()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", AuthFixture.RedirectUri + "/"));

        var response = await fixture.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>("/api/apps/app/events"))!;
        var failure = Assert.Single(events, entry => entry!["outcome"]!.GetValue<string>() == "Failed");
        var message = failure!["message"]!.GetValue<string>();
        Assert.StartsWith($"invalid_request: The redirect_uri '{AuthFixture.RedirectUri + "/"}' is not registered for app 'app'.", message, StringComparison.Ordinal);
        Assert.Contains($"Registered: '{AuthFixture.RedirectUri}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_NamesRegisteredUris()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", "http://127.0.0.1:9/elsewhere"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The redirect_uri 'http://127.0.0.1:9/elsewhere' is not registered for app 'app'", page);
        Assert.Contains($"Registered: '{AuthFixture.RedirectUri}'", page);
        Assert.Contains("invalid_request", page);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectTokenResponse_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", "http://127.0.0.1:9/elsewhere"), ("response_type", "token"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("is not registered for app 'app'", page);
    }

    [Fact]
    public async Task Authorize_LooseModeUnregisteredRedirect_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", "http://127.0.0.1:9/elsewhere"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("is not registered for app 'app'", page);
    }

    [Fact]
    public async Task Authorize_LooseModeInvalidClientId_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", "not a valid id")));

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("loose mode could not register it", page);
    }

    [Fact]
    public async Task Authorize_BackendServiceApp_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa.ExportParameters(false)));
        var jwks = new { keys = new[] { new { kty = key.Kty, n = key.N, e = key.E, kid = "k1" } } };
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwks });

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", "backend")));

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("App 'backend' is a backend service", page);
        Assert.Contains("unauthorized_client", page);
    }

    [Fact]
    public async Task Authorize_MissingClientId_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", null)));

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The request has no client_id", page);
    }

    [Fact]
    public async Task Authorize_MissingRedirectUri_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", null), ("response_type", "token"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The request has no redirect_uri", page);
    }

    [Fact]
    public async Task Authorize_CodeRequestWithoutRedirectUri_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        var url = AuthorizeRequest.Url(fixture, ("redirect_uri", null));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("The request has no redirect_uri", page);
    }

    [Fact]
    public async Task Authorize_RedirectUriWithFragment_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var url = AuthorizeRequest.Url(fixture, ("client_id", "never-registered"), ("redirect_uri", "http://127.0.0.1:9/cb#part"));

        var response = await fixture.Client.GetAsync(url);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("is not an absolute http(s) URL without a fragment", page);
    }

    [Fact]
    public async Task Authorize_PostWithoutForm_ShowsErrorPage()
    {
        await using var fixture = await StartStrictAsync();
        using var content = new StringContent("{\"client_id\":\"app\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await fixture.Client.PostAsync("/auth/authorize", content);

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("invalid_request", page);
    }

    [Fact]
    public async Task Authorize_ErrorPage_UsesAuthLayout()
    {
        await using var fixture = await StartStrictAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", "stranger")));

        var page = await ReadErrorPageAsync(response);
        Assert.Contains("<title>Authorization error · Sandbox EHR</title>", page);
        Assert.Contains("<main class=\"auth-page\">", page);
    }

    [Fact]
    public async Task Authorize_ErrorPage_AllowsFramingBySameOriginOnly()
    {
        await using var fixture = await StartStrictAsync();

        var response = await fixture.Client.GetAsync(AuthorizeRequest.Url(fixture, ("client_id", "stranger")));

        Assert.Equal("SAMEORIGIN", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("frame-ancestors 'self'; object-src 'none'; base-uri 'self'; script-src 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
    }
}
