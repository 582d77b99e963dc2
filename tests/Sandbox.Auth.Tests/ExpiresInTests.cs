using System.Net;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// <c>expires_in</c> of token responses: the access token's configured lifetime in whole
/// seconds, the same as its <c>exp</c> minus its <c>iat</c>.
/// </summary>
public sealed class ExpiresInTests
{
    private const string Scope = "launch offline_access patient/*.rs";

    // A lifetime counted from the moment the response is built is a second short in about half
    // of the responses, so each test checks several.
    private const int Responses = 8;

    private static object Launch(string clientId) => new
    {
        clientId,
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
    };

    [Fact]
    public async Task Code_DefaultLifetime_ReportsOneHour()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        for (var attempt = 0; attempt < Responses; attempt++)
        {
            var token = await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app"));

            AssertLifetime(token, 3600);
        }
    }

    [Fact]
    public async Task Code_AppLifetime_ReportsAppLifetime()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new
        {
            clientId = "short-lived",
            name = "Short-lived tokens",
            kind = "Public",
            redirectUris = new[] { AuthFixture.RedirectUri },
            accessTokenLifetimeSeconds = 90,
        });

        for (var attempt = 0; attempt < Responses; attempt++)
        {
            var token = await fixture.LaunchAndRedeemAsync("short-lived", Scope, Launch("short-lived"));

            AssertLifetime(token, 90);
        }
    }

    [Fact]
    public async Task Refresh_DefaultLifetime_ReportsOneHour()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var refreshToken = (await fixture.LaunchAndRedeemAsync("app", Scope, Launch("app")))["refresh_token"]!.GetValue<string>();

        for (var attempt = 0; attempt < Responses; attempt++)
        {
            var response = await fixture.PostTokenAsync(new()
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = "app",
            });
            var token = await AuthFixture.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            AssertLifetime(token, 3600);
            refreshToken = token["refresh_token"]!.GetValue<string>();
        }
    }

    private static void AssertLifetime(JsonObject token, int seconds)
    {
        var claims = AuthFixture.ReadJwtPayload(token["access_token"]!.GetValue<string>());
        var issuedAt = claims["iat"]!.GetValue<long>();
        var expires = claims["exp"]!.GetValue<long>();

        Assert.Equal(seconds, token["expires_in"]!.GetValue<int>());
        Assert.Equal(seconds, expires - issuedAt);
    }
}
