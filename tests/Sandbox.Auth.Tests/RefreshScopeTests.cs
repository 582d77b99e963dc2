using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Sandbox.Auth.Tests;

public sealed class RefreshScopeTests
{
    private static async Task<(AuthFixture Fixture, string RefreshToken)> StartAsync()
    {
        var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true, skipConsent = true };
        var token = await fixture.LaunchAndRedeemAsync("app", "launch offline_access patient/*.rs", launch);
        return (fixture, token["refresh_token"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> RefreshAsync(AuthFixture fixture, string refreshToken, string scope) =>
        fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "app", ["scope"] = scope });

    [Fact]
    public async Task Refresh_SmartSubsetScope_GrantsNarrowerScope()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var response = await RefreshAsync(fixture, refreshToken, "patient/Observation.rs");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("patient/Observation.rs", body["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_NarrowerScope_KeepsRefreshTokenScope()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var narrowed = await AuthFixture.ReadJsonAsync(await RefreshAsync(fixture, refreshToken, "patient/Observation.rs"));
        var nextRefreshToken = narrowed["refresh_token"]?.GetValue<string>();
        Assert.NotNull(nextRefreshToken);
        var response = await fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = nextRefreshToken, ["client_id"] = "app" });

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("launch offline_access patient/*.rs", body["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_NarrowerScope_LimitsAccessToken()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var narrowed = await AuthFixture.ReadJsonAsync(await RefreshAsync(fixture, refreshToken, "patient/Observation.rs"));
        var accessToken = narrowed["access_token"]!.GetValue<string>();

        var patient = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);
        var observations = await fixture.GetFhirAsync($"Observation?patient={AuthFixture.PatientId}", accessToken);
        Assert.Equal(HttpStatusCode.Forbidden, patient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
    }

    // The original response named the patient, and the narrower patient/ scopes still confine
    // the token to that patient, so the app needs to keep knowing whose records it reads.
    [Fact]
    public async Task Refresh_ScopeWithoutLaunch_KeepsPatient()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var response = await RefreshAsync(fixture, refreshToken, "patient/Observation.rs");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("patient/Observation.rs", body["scope"]!.GetValue<string>());
        Assert.Equal(AuthFixture.PatientId, body["patient"]?.GetValue<string>());
        Assert.Null(body["need_patient_banner"]);
    }

    [Fact]
    public async Task Refresh_ScopeWithoutLaunch_IntrospectsPatient()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;
        var narrowed = await AuthFixture.ReadJsonAsync(await RefreshAsync(fixture, refreshToken, "patient/Observation.rs"));
        var accessToken = narrowed["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = accessToken }),
        };
        request.Headers.Authorization = new("Bearer", accessToken);

        using var response = await fixture.Client.SendAsync(request);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal(AuthFixture.PatientId, body["patient"]?.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ScopeWithoutPatientScopes_OmitsPatient()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var response = await RefreshAsync(fixture, refreshToken, "offline_access");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("offline_access", body["scope"]!.GetValue<string>());
        Assert.Null(body["patient"]);
    }

    // A launch whose original response did not name the patient does not name it after a refresh.
    [Fact]
    public async Task Refresh_GrantWithoutPatientContext_OmitsPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true, skipConsent = true };
        var token = await fixture.LaunchAndRedeemAsync("app", "offline_access patient/*.rs", launch);
        Assert.Null(token["patient"]);

        var response = await RefreshAsync(fixture, token["refresh_token"]!.GetValue<string>(), "patient/Observation.rs");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["patient"]);
    }

    [Fact]
    public async Task Refresh_WiderScope_ReturnsInvalidScope()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var response = await RefreshAsync(fixture, refreshToken, "patient/*.cruds");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_scope", body["error"]!.GetValue<string>());
        Assert.Contains("'patient/*.cruds'", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_SandboxError_HasNoErrorUri()
    {
        var (fixture, refreshToken) = await StartAsync();
        await using var _ = fixture;

        var response = await RefreshAsync(fixture, refreshToken, "patient/*.cruds");

        Assert.Null((await AuthFixture.ReadJsonAsync(response))["error_uri"]);
    }

    [Fact]
    public async Task Refresh_WithoutOpenId_OmitsIdToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true, skipConsent = true };
        var token = await fixture.LaunchAndRedeemAsync("app", "launch openid fhirUser offline_access patient/*.rs", launch);
        var refreshToken = token["refresh_token"]!.GetValue<string>();

        var narrowed = await AuthFixture.ReadJsonAsync(await RefreshAsync(fixture, refreshToken, "patient/Observation.rs"));
        var full = await fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = narrowed["refresh_token"]!.GetValue<string>(), ["client_id"] = "app" });

        var fullBody = await AuthFixture.ReadJsonAsync(full);
        Assert.Null(narrowed["id_token"]);
        var idToken = new JsonWebToken(fullBody["id_token"]!.GetValue<string>());
        Assert.True(idToken.TryGetPayloadValue<string>("fhirUser", out _));
    }
}
