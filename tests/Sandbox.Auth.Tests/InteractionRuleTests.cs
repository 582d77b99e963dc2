using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class InteractionRuleTests
{
    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri page, Dictionary<string, string> fields)
    {
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static async Task<Uri> StartAsync(AuthFixture fixture, string scope, Pkce pkce)
    {
        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", scope, pkce));
        return new Uri(fixture.Server.BaseAddress, response.Headers.Location!);
    }

    private static async Task<Uri> SignInAsync(AuthFixture fixture, string scope, Pkce pkce, string username)
    {
        var login = await StartAsync(fixture, scope, pkce);
        var posted = await SubmitAsync(fixture, login, new() { ["username"] = username });
        var next = await fixture.Client.GetAsync(posted.Headers.Location!.OriginalString);
        return new Uri(fixture.Server.BaseAddress, next.Headers.Location!);
    }

    [Fact]
    public async Task PromptNone_NoUser_RedirectsLoginRequired()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid patient/*.rs", Pkce.Create()) + "&prompt=none");

        var query = AuthFixture.Query(response.Headers.Location!);
        Assert.StartsWith(AuthFixture.RedirectUri, response.Headers.Location!.AbsoluteUri);
        Assert.Equal("login_required", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    [Fact]
    public async Task PromptNone_Error_HasNoErrorUri()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid patient/*.rs", Pkce.Create()) + "&prompt=none");

        Assert.False(AuthFixture.Query(response.Headers.Location!).ContainsKey("error_uri"));
    }

    [Fact]
    public async Task AuthPages_Get_AllowFramingBySameOriginOnly()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await StartAsync(fixture, "openid", Pkce.Create());

        var response = await fixture.Client.GetAsync(login.PathAndQuery);

        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'self'; object-src 'none'; base-uri 'self'; script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AuthPages_Get_ForbidScripts()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await StartAsync(fixture, "openid", Pkce.Create());

        var response = await fixture.Client.GetAsync(login.PathAndQuery);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'none'", policy);
    }

    [Fact]
    public async Task ConsentPage_Get_AllowsFramingBySameOriginOnly()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var consent = await SignInAsync(fixture, "openid patient/*.rs", Pkce.Create(), AuthFixture.PatientUser);

        var response = await fixture.Client.GetAsync(consent.PathAndQuery);

        Assert.Equal("/auth/consent", consent.AbsolutePath);
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Consent_NothingTicked_RedirectsAccessDenied()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var consent = await SignInAsync(fixture, "openid patient/*.rs", Pkce.Create(), AuthFixture.PatientUser);

        var allowed = await SubmitAsync(fixture, consent, new() { ["decision"] = "allow" });
        var redirect = await fixture.FollowToAppAsync(allowed.Headers.Location!.OriginalString);

        Assert.Equal("access_denied", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Consent_OpenIdUnticked_GrantsNoOpenId()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var pkce = Pkce.Create();
        var consent = await SignInAsync(fixture, "openid patient/*.rs", pkce, AuthFixture.PatientUser);

        var allowed = await SubmitAsync(fixture, consent, new() { ["decision"] = "allow", ["scopes"] = "patient/*.rs" });
        var redirect = await fixture.FollowToAppAsync(allowed.Headers.Location!.OriginalString);
        var token = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce));

        Assert.Equal("patient/*.rs", token["scope"]!.GetValue<string>());
        Assert.Null(token["id_token"]);
    }

    [Theory]
    [InlineData("p-does-not-exist")]
    [InlineData("p-2")]
    public async Task PatientPicker_PatientOutsidePersona_ShowsError(string patientId)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.AddPersonaAsync(new { username = "parent", displayName = "Parent", role = "Patient", fhirUser = $"Patient/{AuthFixture.PatientId}", patientIds = new[] { AuthFixture.PatientId, "p-42" } });
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, "launch/patient patient/*.rs", Pkce.Create(), "parent");

        var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = patientId });

        Assert.Equal("/auth/patient", picker.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("may not open", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PatientPicker_PractitionerUnknownPatient_ShowsError()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, "launch/patient patient/*.rs", Pkce.Create(), AuthFixture.PractitionerUser);

        var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = "p-does-not-exist" });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("does not exist", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_ShortCodeChallenge_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = new Pkce("verifier", "abc");

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid", pkce));

        var query = AuthFixture.Query(response.Headers.Location!);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    [Fact]
    public async Task Token_NoPatient_OmitsPatientBanner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch user/*.rs", new { clientId = "app", user = AuthFixture.PractitionerUser, skipLogin = true });

        Assert.Null(token["need_patient_banner"]);
    }

    [Fact]
    public async Task Token_BasicAndBodyClientIdsDiffer_ReturnsInvalidClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new { clientId = "conf", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "conf", user = AuthFixture.PractitionerUser, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("conf", "launch openid", pkce, launch));
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = AuthFixture.Query(redirect)["code"], ["redirect_uri"] = AuthFixture.RedirectUri, ["code_verifier"] = pkce.Verifier, ["client_id"] = "app" };

        var response = await fixture.PostTokenAsync(form, "conf", app["clientSecret"]!.GetValue<string>());

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"patient\":\"p-2\",\"encounter\":\"e-1\"}", "belongs to Patient/p-1")]
    [InlineData("{\"fhirContext\":[{\"foo\":\"bar\"}]}", "fhirContext[0]")]
    [InlineData("{\"smartStyleUrl\":\"javascript:alert(1)\"}", "smartStyleUrl")]
    public async Task Launch_InconsistentContext_Returns400Problem(string body, string reason)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsync("/api/launches", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeadlessLaunch_ForeignEncounter_Returns400Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var body = new { clientId = "app", scope = "launch patient/*.rs", user = AuthFixture.PractitionerUser, patient = "p-2", encounter = "e-1" };

        var response = await fixture.Client.PostAsJsonAsync("/api/launches/headless", body);

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("belongs to Patient/p-1", problem!["detail"]!.GetValue<string>());
    }
}
