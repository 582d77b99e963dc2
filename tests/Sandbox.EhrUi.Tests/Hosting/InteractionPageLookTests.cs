using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Auth.Apps;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Hosting;

/// <summary>
/// The authorization server's sign-in and error pages in the whole sandbox: they take the EHR's
/// style sheet, icon and title, and the EHR's frame may show them.
/// </summary>
public sealed class InteractionPageLookTests : IAsyncLifetime
{
    private const string ClientId = "look-app";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    private SandboxServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        _client = _server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false });
        await _server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Look test app", RedirectUris = [RedirectUri] });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task LoginPage_Get_UsesEhrStyleSheetAndTitle()
    {
        var login = await StartLoginAsync();

        var html = WebUtility.HtmlDecode(await _client.GetStringAsync(login));

        Assert.Contains($"href=\"{EhrUiExtensions.StaticFilesPath}/ehr.css\"", html);
        Assert.Contains($"href=\"{EhrUiExtensions.IconPath}\"", html);
        Assert.Contains($"<title>Sign in{EhrUiExtensions.TitleSuffix}</title>", html);
    }

    [Fact]
    public async Task LoginPage_Get_AllowsFramingBySameOriginOnly()
    {
        var login = await StartLoginAsync();

        using var response = await _client.GetAsync(login);

        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'self'; object-src 'none'; base-uri 'self'; script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Consent_UnknownSession_LinksBackToEhr()
    {
        using var response = await _client.GetAsync("/auth/consent?session=bogus");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"href=\"{EhrUiExtensions.StaticFilesPath}/ehr.css\"", html);
        Assert.Contains($"<a href=\"{EhrUiExtensions.PatientListPath}\">Back to the EHR</a>", html);
    }

    private async Task<string> StartLoginAsync()
    {
        var url = QueryHelpers.AddQueryString("/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid",
            ["state"] = "s",
            ["aud"] = _server.FhirBase.AbsoluteUri.TrimEnd('/'),
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
        });
        using var response = await _client.GetAsync(url);
        var location = response.Headers.Location?.OriginalString;
        Assert.True(location?.StartsWith("/auth/login", StringComparison.Ordinal), $"The authorize request was answered with {(int)response.StatusCode} {location}.");
        return location!;
    }
}
