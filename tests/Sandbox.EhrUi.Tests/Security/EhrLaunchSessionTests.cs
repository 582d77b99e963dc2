using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Security;

/// <summary>
/// A launch made in the EHR over real HTTP is bound to the EHR session that made it. Only a
/// browser signed in as the launching persona skips the sign-in page, and a patient persona
/// cannot open another persona's launch frame.
/// </summary>
public sealed partial class EhrLaunchSessionTests : IAsyncLifetime
{
    private const string ClientId = "session-app";
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string PatientId = "p-marcus-johnson";

    private SignedInEhr _ehr = null!;
    private string _launchId = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
        await _ehr.Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Session test app", RedirectUris = [RedirectUri], LaunchUrl = "http://127.0.0.1:9/launch" });

        using var launched = await _ehr.SubmitAsync($"patients/{PatientId}/apps", new() { ["clientId"] = ClientId }, handler: "Launch");
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        _launchId = FrameLaunchId().Match(launched.Headers.Location!.OriginalString).Groups[1].Value;
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Authorize_LaunchingBrowser_RedirectsWithCode()
    {
        using var response = await _ehr.Client.GetAsync(AuthorizeUrl());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(RedirectUri + "?code=", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Authorize_BrowserWithoutSession_ShowsSignIn()
    {
        using var stranger = _ehr.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

        using var response = await stranger.GetAsync(AuthorizeUrl());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/auth/login?session=", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Authorize_OtherPersonaSignsIn_AccessDenied()
    {
        using var stranger = _ehr.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        using var login = await stranger.GetAsync(AuthorizeUrl());
        var loginPath = login.Headers.Location!.OriginalString;
        var session = QueryHelpers.ParseQuery(new Uri(_ehr.Server.BaseAddress, loginPath).Query)["session"].ToString();
        var loginForm = await stranger.GetStringAsync(loginPath.TrimStart('/'));
        using var form = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(loginForm)), new("session", session), new("username", "dr.mitchell"), new("password", "physician-sandbox")]);
        using var signedIn = await stranger.PostAsync(loginPath.TrimStart('/'), form);

        using var response = await stranger.GetAsync(signedIn.Headers.Location!.OriginalString.TrimStart('/'));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(RedirectUri + "?error=access_denied", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Frame_OtherPatientPersona_Returns404()
    {
        using var patient = _ehr.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        await SignedInEhr.SignInAsync(patient, "ava", "ava-sandbox");

        using var response = await patient.GetAsync($"launches/{_launchId}/frame");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Marcus", html);
    }

    private string AuthorizeUrl() => QueryHelpers.AddQueryString("auth/authorize", new Dictionary<string, string?>
    {
        ["response_type"] = "code",
        ["client_id"] = ClientId,
        ["redirect_uri"] = RedirectUri,
        ["scope"] = "launch openid fhirUser patient/*.rs",
        ["state"] = "session",
        ["aud"] = _ehr.Server.FhirBase.AbsoluteUri,
        ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        ["code_challenge_method"] = "S256",
        ["launch"] = _launchId,
    });

    [GeneratedRegex("/launches/([^/]+)/frame")]
    private static partial Regex FrameLaunchId();
}
