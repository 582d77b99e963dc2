using System.Net;

namespace Sandbox.Auth.Tests;

public sealed class FhirAccessTests
{
    private static object Launch(string simulatedError = "None") => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
        simulatedError,
    };

    [Fact]
    public async Task Fhir_NoToken_Returns401WithChallenge()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.GetFhirAsync("Patient/p-1", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("OperationOutcome", (await AuthFixture.ReadJsonAsync(response))["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fhir_InvalidToken_CarriesCallerTraceId()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient/p-1");
        request.Headers.Authorization = new("Bearer", "not-a-token");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var outcome = await AuthFixture.ReadJsonAsync(response);
        var diagnostics = outcome["issue"]![0]!["diagnostics"]!.GetValue<string>();
        Assert.EndsWith($"(trace id {traceId})", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fhir_InvalidToken_Returns401InvalidToken()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.GetFhirAsync("Patient/p-1", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Fhir_ValidToken_PassesAccessCheck()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch());

        var response = await fixture.GetFhirAsync("Patient/p-1", token["access_token"]!.GetValue<string>());

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // RFC 6750 section 2.1 allows one or more spaces after the scheme: "Bearer" 1*SP b64token.
    [Fact]
    public async Task Fhir_SpacesAfterBearer_PassAccessCheck()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient/p-1");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer   " + token["access_token"]!.GetValue<string>());

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fhir_SmartConfiguration_NeedsNoToken()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.GetFhirAsync(".well-known/smart-configuration", accessToken: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fhir_OpenMode_NeedsNoToken()
    {
        await using var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:OpenFhir"] = "true" });

        var response = await fixture.GetFhirAsync("Patient/p-1", accessToken: null);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("FhirInvalidToken", HttpStatusCode.Unauthorized)]
    [InlineData("FhirExpiredToken", HttpStatusCode.Unauthorized)]
    [InlineData("FhirForbidden", HttpStatusCode.Forbidden)]
    [InlineData("FhirTooManyRequests", HttpStatusCode.TooManyRequests)]
    [InlineData("FhirServerError", HttpStatusCode.InternalServerError)]
    [InlineData("FhirUnavailable", HttpStatusCode.ServiceUnavailable)]
    public async Task Fhir_SimulatedError_ReturnsStatus(string simulated, HttpStatusCode expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch(simulated));

        var response = await fixture.GetFhirAsync("Patient/p-1", token["access_token"]!.GetValue<string>());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("OperationOutcome", (await AuthFixture.ReadJsonAsync(response))["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fhir_SimulatedThrottle_SendsRetryAfter()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch("FhirTooManyRequests"));

        var response = await fixture.GetFhirAsync("Patient/p-1", token["access_token"]!.GetValue<string>());

        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Fhir_MissingScope_SendsInsufficientScopeChallenge()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch());
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/fhir/Patient/p-1");
        request.Headers.Authorization = new("Bearer", token["access_token"]!.GetValue<string>());

        var response = await fixture.Client.SendAsync(request);

        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("Bearer realm=\"fhir\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error_description=\"", challenge, StringComparison.Ordinal);
        Assert.Equal("OperationOutcome", (await AuthFixture.ReadJsonAsync(response))["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fhir_SimulatedForbidden_SendsInsufficientScopeChallenge()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch("FhirForbidden"));

        var response = await fixture.GetFhirAsync("Patient/p-1", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
