using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// The app access page over real HTTP, after a real EHR launch with <c>offline_access</c> by a
/// confidential app: what it lists, and what its Revoke access button does to the app's tokens
/// at the token, introspection and FHIR endpoints. <c>/fhir</c> needs tokens in these tests.
/// </summary>
public sealed partial class AppAccessPageTests : IAsyncLifetime
{
    private const string PagePath = "account/app-access";
    private const string ClientId = "access-app";
    private const string AppName = "Access test app";
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string PatientId = "p-marcus-johnson";

    // The verifier and S256 challenge of RFC 7636 appendix B.
    private const string CodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private SignedInEhr _ehr = null!;
    private string _clientSecret = null!;
    private string _accessToken = null!;
    private string _refreshToken = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default", openFhir: false);
        _clientSecret = await RegisterAsync(ClientId, AppName);

        var tokens = await LaunchAsync(ClientId, _clientSecret);
        _accessToken = tokens["access_token"]!.GetValue<string>();
        _refreshToken = tokens["refresh_token"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Page_AfterOfflineLaunch_ListsApp()
    {
        var html = await _ehr.Client.GetStringAsync(PagePath);

        Assert.Contains(AppName, html);
        Assert.Contains($"({PatientId})", html);
        Assert.Contains("Keep access after you close the app. <code>offline_access</code>", html);
        Assert.Contains("the app holds a refresh token (offline_access)", html);
        Assert.Contains("Revoke access", html);
    }

    [Fact]
    public async Task Page_SignedOut_RedirectsToSignIn()
    {
        using var stranger = NewBrowser();

        using var response = await stranger.GetAsync(PagePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Faccount%2Fapp-access", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_SignInFromRedirect_ReturnsToPage()
    {
        using var stranger = NewBrowser();
        using var redirect = await stranger.GetAsync(PagePath);
        var signInPath = redirect.Headers.Location!.OriginalString.TrimStart('/');
        var form = await stranger.GetStringAsync(signInPath);

        using var signedIn = await stranger.PostAsync(signInPath, new FormUrlEncodedContent(
        [
            new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(form)),
            new("username", "dr.mitchell"),
            new("password", "physician-sandbox"),
            new("returnUrl", "/" + PagePath),
        ]));

        Assert.Contains($"name=\"returnUrl\" value=\"/{PagePath}\"", form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/" + PagePath, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_OtherUser_DoesNotListApp()
    {
        using var other = NewBrowser();
        await SignedInEhr.SignInAsync(other, "dr.mitchell", "physician-sandbox");

        var html = await other.GetStringAsync(PagePath);

        Assert.DoesNotContain(AppName, html);
        Assert.Contains("No app holds access on your behalf.", html);
    }

    [Fact]
    public async Task Revoke_RefreshTokenGetsInvalidGrant()
    {
        using var revoked = await RevokeAsync();
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        using var response = await RefreshAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_IntrospectionReturnsInactive()
    {
        Assert.True(await IsActiveAsync(_accessToken));
        Assert.True(await IsActiveAsync(_refreshToken));

        using var revoked = await RevokeAsync();

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await IsActiveAsync(_accessToken));
        Assert.False(await IsActiveAsync(_refreshToken));
    }

    [Fact]
    public async Task Revoke_FhirRejectsAccessToken()
    {
        using var fhir = _ehr.Server.CreateFhirClient(_accessToken);
        using (var before = await fhir.GetAsync($"Patient/{PatientId}"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoked = await RevokeAsync();
        using var after = await fhir.GetAsync($"Patient/{PatientId}");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revoke_ShowsResultAndEmptiesList()
    {
        using var revoked = await RevokeAsync();
        var html = await _ehr.Client.GetStringAsync(PagePath);

        Assert.Equal("/" + PagePath, revoked.Headers.Location!.OriginalString);
        Assert.Contains($"The access of {AppName} was revoked.", html);
        Assert.Contains("No app holds access on your behalf.", html);
    }

    // The page keeps the app's name for the message after its redirect in a cookie, so it keeps
    // at most 100 characters of it. Registration takes up to 200.
    [Fact]
    public async Task Revoke_AppWithLongName_ShortensMessage()
    {
        const string longClientId = "long-name-app";
        var longName = new string('N', 200);
        var secret = await RegisterAsync(longClientId, longName);
        await LaunchAsync(longClientId, secret);

        using var revoked = await RevokeAsync(longClientId);
        using var page = await _ehr.Client.GetAsync(PagePath);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The access of " + new string('N', 100), html);
        Assert.DoesNotContain(new string('N', 101), html);
        Assert.Contains("was revoked.", html);
    }

    [Fact]
    public async Task Revoke_OtherUser_Returns404AndKeepsGrant()
    {
        using var other = NewBrowser();
        await SignedInEhr.SignInAsync(other, "dr.mitchell", "physician-sandbox");
        var form = await other.GetStringAsync(PagePath);

        using var response = await other.PostAsync(
            PagePath + "?handler=Revoke",
            new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(form)), new("clientId", ClientId)]));
        using var refresh = await RefreshAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing was revoked", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Revoke_WithoutAntiforgery_Returns400AndKeepsGrant()
    {
        using var response = await _ehr.Client.PostAsync(
            PagePath + "?handler=Revoke",
            new FormUrlEncodedContent([new("clientId", ClientId)]));
        using var refresh = await RefreshAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Revoke_AppWithoutGrant_Returns404()
    {
        using var response = await RevokeAsync("sandbox-confidential-app");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> RegisterAsync(string clientId, string name)
    {
        var app = await _ehr.Server.RegisterAppAsync(new SmartApp
        {
            ClientId = clientId,
            Name = name,
            Kind = AppKind.ConfidentialSymmetric,
            RedirectUris = [RedirectUri],
            LaunchUrl = "http://127.0.0.1:9/launch",
            Scopes = ["launch", "openid", "fhirUser", "offline_access", "patient/*.rs"],
        });
        return app.ClientSecret!;
    }

    // An EHR launch from the chart's app gallery, the authorization request in the launching
    // browser, and the code exchange with the app's secret, as a confidential app makes them.
    private async Task<JsonObject> LaunchAsync(string clientId, string clientSecret)
    {
        using var launched = await _ehr.SubmitAsync($"patients/{PatientId}/apps", new() { ["clientId"] = clientId }, handler: "Launch");
        var launchId = FrameLaunchId().Match(launched.Headers.Location!.OriginalString).Groups[1].Value;

        using var authorized = await _ehr.Client.GetAsync(QueryHelpers.AddQueryString("auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "launch openid fhirUser offline_access patient/*.rs",
            ["state"] = "app-access-state-0123456789",
            ["aud"] = _ehr.Server.FhirBase.AbsoluteUri,
            ["code_challenge"] = CodeChallenge,
            ["code_challenge_method"] = "S256",
            ["launch"] = launchId,
        }));
        var redirect = authorized.Headers.Location
            ?? throw new InvalidOperationException($"The authorize endpoint returned {(int)authorized.StatusCode} without a redirect.");
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();

        using var response = await PostTokenEndpointAsync("auth/token", new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = CodeVerifier,
        }, clientId, clientSecret);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> RevokeAsync(string clientId = ClientId) =>
        _ehr.SubmitAsync(PagePath, new() { ["clientId"] = clientId }, handler: "Revoke");

    private Task<HttpResponseMessage> RefreshAsync() =>
        PostTokenEndpointAsync("auth/token", new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _refreshToken });

    private async Task<bool> IsActiveAsync(string token)
    {
        using var response = await PostTokenEndpointAsync("auth/introspect", new() { ["token"] = token });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["active"]!.GetValue<bool>();
    }

    private async Task<HttpResponseMessage> PostTokenEndpointAsync(
        string path,
        Dictionary<string, string> fields,
        string clientId = ClientId,
        string? clientSecret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret ?? _clientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return await _ehr.Server.Client.SendAsync(request);
    }

    private HttpClient NewBrowser() =>
        _ehr.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    [GeneratedRegex("/launches/([^/]+)/frame")]
    private static partial Regex FrameLaunchId();
}
