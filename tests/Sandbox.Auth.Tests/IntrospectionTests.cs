using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// SMART token introspection: the launch context of the token response, and callers that
/// authenticate with a bearer token instead of client credentials.
/// </summary>
public sealed class IntrospectionTests
{
    private const string Scope = "launch openid fhirUser patient/*.rs";

    private static object Launch => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        encounter = "e-1",
        intent = "reconcile",
        smartStyleUrl = "http://127.0.0.1:9/style.json",
        tenant = "t1",
        needPatientBanner = false,
        fhirContext = new[] { new { reference = "Observation/o-1" } },
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<(JsonObject Token, string Secret)> ConfidentialTokenAsync(AuthFixture fixture)
    {
        var app = await fixture.RegisterAppAsync(new { clientId = "app", name = "App", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var secret = app["clientSecret"]!.GetValue<string>();
        var launch = await fixture.CreateLaunchAsync(Launch);
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch));
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = AuthFixture.Query(redirect)["code"],
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
        };
        var token = await AuthFixture.ReadJsonAsync(await fixture.PostTokenAsync(form, "app", secret));
        return (token, secret);
    }

    private static async Task<string> BackendTokenAsync(AuthFixture fixture, SigningCredentials credentials)
    {
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "backend",
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = "backend", ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(4),
            SigningCredentials = credentials,
            TokenType = "JWT",
        });
        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });
        return (await AuthFixture.ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    private static async Task<string> RedeemForIdTokenAsync(AuthFixture fixture, string code, Pkce pkce, string secret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
        };
        var token = await AuthFixture.ReadJsonAsync(await fixture.PostTokenAsync(form, "app", secret));
        return token["id_token"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> IntrospectWithBearerAsync(AuthFixture fixture, string bearer, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new("Bearer", bearer);
        return fixture.Client.SendAsync(request);
    }

    [Fact]
    public async Task Introspect_ClientAuth_ReturnsLaunchContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, secret) = await ConfidentialTokenAsync(fixture);
        var form = new Dictionary<string, string> { ["token"] = token["access_token"]!.GetValue<string>(), ["client_id"] = "app", ["client_secret"] = secret };

        var body = await AuthFixture.ReadJsonAsync(await fixture.Client.PostAsync("/auth/introspect", new FormUrlEncodedContent(form)));

        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal(AuthFixture.PatientId, body["patient"]!.GetValue<string>());
        Assert.Equal("e-1", body["encounter"]!.GetValue<string>());
        Assert.Equal("reconcile", body["intent"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:9/style.json", body["smart_style_url"]!.GetValue<string>());
        Assert.Equal("t1", body["tenant"]!.GetValue<string>());
        Assert.False(body["need_patient_banner"]!.GetValue<bool>());
        Assert.Equal("Observation/o-1", body["fhirContext"]![0]!["reference"]!.GetValue<string>());
        Assert.EndsWith("/Practitioner/pr-1", body["fhirUser"]!.GetValue<string>());
    }

    // RFC 7662 section 2.2 requires active: false for a token that cannot be introspected.
    // unsupported_token_type is an RFC 7009 revocation error that introspection does not define.
    [Theory]
    [InlineData("id_token")]
    [InlineData("code")]
    public async Task Introspect_NonAccessToken_ReturnsInactive(string kind)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new { clientId = "app", name = "App", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var secret = app["clientSecret"]!.GetValue<string>();
        var launch = await fixture.CreateLaunchAsync(Launch);
        var pkce = Pkce.Create();
        var code = AuthFixture.Query(await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch)))["code"];
        var introspected = kind == "code" ? code : await RedeemForIdTokenAsync(fixture, code, pkce, secret);
        var form = new Dictionary<string, string> { ["token"] = introspected, ["client_id"] = "app", ["client_secret"] = secret };

        var response = await fixture.Client.PostAsync("/auth/introspect", new FormUrlEncodedContent(form));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.False(body.ContainsKey("error"));
    }

    [Fact]
    public async Task Introspect_BearerAndClientAuth_ReturnSameMembers()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, secret) = await ConfidentialTokenAsync(fixture);
        var accessToken = token["access_token"]!.GetValue<string>();
        var form = new Dictionary<string, string> { ["token"] = accessToken, ["client_id"] = "app", ["client_secret"] = secret };

        var byClient = await AuthFixture.ReadJsonAsync(await fixture.Client.PostAsync("/auth/introspect", new FormUrlEncodedContent(form)));
        var byBearer = await AuthFixture.ReadJsonAsync(await IntrospectWithBearerAsync(fixture, accessToken, accessToken));

        Assert.Equal(byClient.Select(member => member.Key).Order(), byBearer.Select(member => member.Key).Order());
        foreach (var (name, value) in byClient)
            Assert.True(JsonNode.DeepEquals(value, byBearer[name]), $"'{name}' differs: client authentication returned {value?.ToJsonString()}, a bearer token {byBearer[name]?.ToJsonString()}.");
    }

    [Fact]
    public async Task Introspect_Bearer_ReturnsTokenJtiAndAud()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, _) = await ConfidentialTokenAsync(fixture);
        var accessToken = token["access_token"]!.GetValue<string>();
        var payload = AuthFixture.ReadJwtPayload(accessToken);

        var body = await AuthFixture.ReadJsonAsync(await IntrospectWithBearerAsync(fixture, accessToken, accessToken));

        Assert.Equal(payload["jti"]!.GetValue<string>(), body["jti"]!.GetValue<string>());
        Assert.Equal(fixture.FhirBase, body["aud"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspect_SystemBearer_ReturnsActiveWithContext()
    {
        var (fixture, credentials) = await BackendClient.StartAsync("backend");
        await using var _ = fixture;
        var (token, _) = await ConfidentialTokenAsync(fixture);
        var bearer = await BackendTokenAsync(fixture, credentials);

        var response = await IntrospectWithBearerAsync(fixture, bearer, token["access_token"]!.GetValue<string>());

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("app", body["client_id"]!.GetValue<string>());
        Assert.Equal(token["scope"]!.GetValue<string>(), body["scope"]!.GetValue<string>());
        Assert.NotNull(body["exp"]);
        Assert.Equal(AuthFixture.PatientId, body["patient"]!.GetValue<string>());
        Assert.Equal("reconcile", body["intent"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspect_OwnTokenAsBearer_ReturnsActive()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, _) = await ConfidentialTokenAsync(fixture);
        var accessToken = token["access_token"]!.GetValue<string>();

        var body = await AuthFixture.ReadJsonAsync(await IntrospectWithBearerAsync(fixture, accessToken, accessToken));

        Assert.True(body["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Introspect_OtherClientsBearer_ReturnsInactive()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, _) = await ConfidentialTokenAsync(fixture);
        await fixture.RegisterPublicAppAsync("other");
        var otherLaunch = new { clientId = "other", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true, skipConsent = true };
        var other = await fixture.LaunchAndRedeemAsync("other", "launch patient/*.rs", otherLaunch);

        var response = await IntrospectWithBearerAsync(fixture, other["access_token"]!.GetValue<string>(), token["access_token"]!.GetValue<string>());

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Null(body["patient"]);
    }

    [Fact]
    public async Task Introspect_InvalidBearer_Returns401()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, _) = await ConfidentialTokenAsync(fixture);

        var response = await IntrospectWithBearerAsync(fixture, "not-a-token", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspect_RevokedTokenWithBearer_ReturnsInactive()
    {
        var (fixture, credentials) = await BackendClient.StartAsync("backend");
        await using var _ = fixture;
        var (token, secret) = await ConfidentialTokenAsync(fixture);
        var accessToken = token["access_token"]!.GetValue<string>();
        var revoke = new Dictionary<string, string> { ["token"] = accessToken, ["client_id"] = "app", ["client_secret"] = secret };
        await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(revoke));
        var bearer = await BackendTokenAsync(fixture, credentials);

        var body = await AuthFixture.ReadJsonAsync(await IntrospectWithBearerAsync(fixture, bearer, accessToken));

        Assert.False(body["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Introspect_Get_ReturnsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (token, secret) = await ConfidentialTokenAsync(fixture);
        var query = $"token={token["access_token"]}&client_id=app&client_secret={Uri.EscapeDataString(secret)}";

        var response = await fixture.Client.GetAsync($"/auth/introspect?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }
}
