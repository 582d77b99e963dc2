using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A 403 from the FHIR endpoint names a scope that would allow the request, and only a kind of
/// scope the client can get: system/ for a backend service, patient/ or user/ for a user-facing app.
/// </summary>
public sealed class ScopeHintTests
{
    private const string ClientId = "backend";

    private static readonly object Observation = new
    {
        resourceType = "Observation",
        status = "final",
        code = new { text = "Heart rate" },
        subject = new { reference = $"Patient/{AuthFixture.PatientId}" },
    };

    [Fact]
    public async Task BackendToken_WriteDenied_NamesSystemScope()
    {
        var (fixture, credentials) = await BackendClient.StartAsync(ClientId);
        await using var _ = fixture;
        var accessToken = await RequestBackendTokenAsync(fixture, credentials);

        var (status, diagnostics) = await PostObservationAsync(fixture, accessToken);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("system/Observation.c", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("patient/", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("user/", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientToken_WriteDenied_NamesPatientScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/Observation.rs", PatientLaunch());

        var (status, diagnostics) = await PostObservationAsync(fixture, token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("patient/Observation.c", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("system/", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientToken_SharedTypeWrite_NamesUserScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.cruds", PatientLaunch());
        var practitioner = new { resourceType = "Practitioner", active = true };

        var (status, diagnostics) = await PostAsync(fixture, token["access_token"]!.GetValue<string>(), "Practitioner", practitioner);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("user/Practitioner", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("system/", diagnostics, StringComparison.Ordinal);
    }

    private static object PatientLaunch() => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
    };

    private static async Task<string> RequestBackendTokenAsync(AuthFixture fixture, SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = credentials,
        });
        using var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Observation.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthFixture.ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    private static Task<(HttpStatusCode Status, string Diagnostics)> PostObservationAsync(AuthFixture fixture, string accessToken) =>
        PostAsync(fixture, accessToken, "Observation", Observation);

    private static async Task<(HttpStatusCode Status, string Diagnostics)> PostAsync(
        AuthFixture fixture,
        string accessToken,
        string resourceType,
        object resource)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/fhir/{resourceType}") { Content = JsonContent.Create(resource) };
        request.Headers.Authorization = new("Bearer", accessToken);

        using var response = await fixture.Client.SendAsync(request);

        var outcome = await AuthFixture.ReadJsonAsync(response);
        return (response.StatusCode, outcome["issue"]![0]!["diagnostics"]!.GetValue<string>());
    }
}
