using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class ClientKindTests
{
    private static object Launch => new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true };

    private static async Task<(string Code, Pkce Pkce)> AuthorizeAsync(AuthFixture fixture)
    {
        var launch = await fixture.CreateLaunchAsync(Launch);
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        return (AuthFixture.Query(redirect)["code"], pkce);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, string pageUrl, Dictionary<string, string> fields)
    {
        var page = new Uri(fixture.Server.BaseAddress, pageUrl);
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Token_ClientSecretPost_IssuesToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var (code, pkce) = await AuthorizeAsync(fixture);

        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
            ["client_id"] = "app",
            ["client_secret"] = app["clientSecret"]!.GetValue<string>(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_ConfidentialAsymmetric_AcceptsPrivateKeyJwt()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var rsa = RSA.Create(2048);
        var publicJwk = JsonWebKeyConverter.ConvertFromSecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" });
        var jwks = JsonNode.Parse($"{{\"keys\":[{JsonSerializer.Serialize(publicJwk, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull })}]}}");
        await fixture.RegisterAppAsync(new { clientId = "app", name = "Asymmetric", kind = "ConfidentialAsymmetric", redirectUris = new[] { AuthFixture.RedirectUri }, jwks });
        var (code, pkce) = await AuthorizeAsync(fixture);
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "app",
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = "app", ["jti"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha384),
            TokenType = "JWT",
        });

        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Standalone_UserScopesOnly_SkipsPatientPicker()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid fhirUser user/*.rs", pkce));

        var afterLogin = await SubmitAsync(fixture, login.Headers.Location!.OriginalString, new() { ["username"] = AuthFixture.PractitionerUser });
        var redirect = await fixture.FollowToAppAsync(afterLogin.Headers.Location!.OriginalString);
        var token = (await (await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Null(token["patient"]);
        Assert.Equal("openid fhirUser user/*.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standalone_LaunchEncounter_ShowsEncounterPicker()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch/patient launch/encounter patient/*.rs", pkce));
        var afterLogin = await SubmitAsync(fixture, login.Headers.Location!.OriginalString, new() { ["username"] = AuthFixture.PatientUser });

        var picker = await fixture.Client.GetAsync(afterLogin.Headers.Location!.OriginalString);
        var afterPick = await SubmitAsync(fixture, picker.Headers.Location!.OriginalString, new() { ["encounterId"] = "e-1" });
        var redirect = await fixture.FollowToAppAsync(afterPick.Headers.Location!.OriginalString);
        var token = (await (await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.StartsWith("/auth/encounter", picker.Headers.Location!.OriginalString);
        Assert.Equal("e-1", token["encounter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_UntickedScope_IsNotGranted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var pkce = Pkce.Create();
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid fhirUser user/*.rs", pkce));
        var afterLogin = await SubmitAsync(fixture, login.Headers.Location!.OriginalString, new() { ["username"] = AuthFixture.PractitionerUser });
        var consent = await fixture.Client.GetAsync(afterLogin.Headers.Location!.OriginalString);

        var afterConsent = await SubmitAsync(fixture, consent.Headers.Location!.OriginalString, new() { ["decision"] = "allow", ["scopes"] = "user/*.rs" });
        var redirect = await fixture.FollowToAppAsync(afterConsent.Headers.Location!.OriginalString);
        var token = (await (await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("user/*.rs", token["scope"]!.GetValue<string>());
    }
}
