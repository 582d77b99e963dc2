using System.Net;

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
}
