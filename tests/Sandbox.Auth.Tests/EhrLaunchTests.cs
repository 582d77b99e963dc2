using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class EhrLaunchTests
{
    private const string Scope = "launch openid fhirUser offline_access patient/Observation.rs user/Patient.r";

    private static object Launch(string clientId, string simulatedError = "None") => new
    {
        clientId,
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        encounter = "e-1",
        intent = "reconcile-medications",
        smartStyleUrl = "http://127.0.0.1:9/style.json",
        tenant = "t-1",
        needPatientBanner = false,
        fhirContext = new[] { new JsonObject { ["reference"] = "DiagnosticReport/dr-1", ["role"] = "launch" } },
        extra = new Dictionary<string, string> { ["custom_param"] = "custom-value" },
        skipLogin = true,
        skipConsent = true,
        simulatedError,
    };

    [Fact]
    public async Task Authorize_HeadlessLaunch_RedirectsWithCodeAndState()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");
        var launch = await fixture.CreateLaunchAsync(Launch("ehr-app"));

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("ehr-app", Scope, Pkce.Create(), launch));

        var query = AuthFixture.Query(redirect);
        Assert.True(query.ContainsKey("code"));
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    [Fact]
    public async Task AccessToken_NeedPatientBanner_IsJsonBoolean()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));

        var claims = AuthFixture.ReadJwtPayload(token["access_token"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.False, claims["need_patient_banner"]!.GetValueKind());
    }

    [Fact]
    public async Task Token_EhrLaunch_ReturnsLaunchContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.Equal("e-1", token["encounter"]!.GetValue<string>());
        Assert.False(token["need_patient_banner"]!.GetValue<bool>());
        Assert.Equal("http://127.0.0.1:9/style.json", token["smart_style_url"]!.GetValue<string>());
        Assert.Equal("reconcile-medications", token["intent"]!.GetValue<string>());
        Assert.Equal("t-1", token["tenant"]!.GetValue<string>());
        Assert.Equal("custom-value", token["custom_param"]!.GetValue<string>());
        Assert.Equal("DiagnosticReport/dr-1", token["fhirContext"]![0]!["reference"]!.GetValue<string>());
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.NotNull(token["refresh_token"]);
    }

    [Fact]
    public async Task Token_EhrLaunch_ReturnsGrantedScopeExactly()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope + " bogus/scope", Launch("ehr-app"));

        Assert.Equal(Scope, token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_AccessToken_IsSignedJwtWithContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));

        var payload = AuthFixture.ReadJwtPayload(token["access_token"]!.GetValue<string>());
        Assert.Equal(AuthFixture.PatientId, payload["patient"]!.GetValue<string>());
        Assert.Equal("e-1", payload["encounter"]!.GetValue<string>());
        Assert.Equal("ehr-app", payload["client_id"]!.GetValue<string>());
        Assert.Equal($"{fixture.FhirBase}/Practitioner/pr-1", payload["fhirUser"]!.GetValue<string>());
        Assert.Contains("patient/Observation.rs", payload["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_OpenId_IdTokenCarriesAbsoluteFhirUser()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));

        var idToken = token["id_token"]!.GetValue<string>();
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(idToken.Split('.')[0]);
        Assert.Contains("\"RS256\"", header);
        Assert.Equal($"{fixture.FhirBase}/Practitioner/pr-1", AuthFixture.ReadJwtPayload(idToken)["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_AccessToken_IsSignedWithHmac()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");

        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));

        var accessToken = token["access_token"]!.GetValue<string>();
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(accessToken.Split('.')[0]);
        Assert.Contains("\"HS256\"", header);
    }

    [Fact]
    public async Task Token_IdToken_VerifiesWithPublishedJwks()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");
        var token = await fixture.LaunchAndRedeemAsync("ehr-app", Scope, Launch("ehr-app"));
        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await fixture.Client.GetStringAsync("/.well-known/jwks.json"));

        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(
            token["id_token"]!.GetValue<string>(),
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                IssuerSigningKeys = jwks.GetSigningKeys(),
                ValidateIssuer = false,
                ValidateAudience = false,
            });

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task Token_Response_IsNotCached()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");
        var launch = await fixture.CreateLaunchAsync(Launch("ehr-app"));
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("ehr-app", Scope, pkce, launch));

        var response = await fixture.RedeemCodeAsync("ehr-app", AuthFixture.Query(redirect)["code"], pkce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("no-cache", response.Headers.Pragma.ToString());
    }

    [Fact]
    public async Task Launch_ReusedWithinLifetime_Works()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("ehr-app");
        var launch = await fixture.CreateLaunchAsync(Launch("ehr-app"));

        await fixture.FollowToAppAsync(fixture.AuthorizeUrl("ehr-app", Scope, Pkce.Create(), launch));
        var second = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("ehr-app", Scope, Pkce.Create(), launch));

        Assert.True(AuthFixture.Query(second).ContainsKey("code"));
    }
}
