using System.Net;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class TokenTests
{
    private const string Scope = "launch offline_access patient/Observation.rs patient/Patient.r";

    private static object Launch(string simulatedError = "None") => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
        simulatedError,
    };

    private static async Task<(string Code, Pkce Pkce)> AuthorizeAsync(AuthFixture fixture, string simulatedError = "None")
    {
        var launch = await fixture.CreateLaunchAsync(Launch(simulatedError));
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch));
        return (AuthFixture.Query(redirect)["code"], pkce);
    }

    private static Task<HttpResponseMessage> RefreshAsync(AuthFixture fixture, string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "app" };
        if (scope is not null)
            form["scope"] = scope;

        return fixture.PostTokenAsync(form);
    }

    [Fact]
    public async Task Token_WrongVerifier_ReturnsInvalidGrant()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, _) = await AuthorizeAsync(fixture);

        var response = await fixture.RedeemCodeAsync("app", code, Pkce.Create());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_CodeReplayed_ReturnsInvalidGrant()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        await fixture.RedeemCodeAsync("app", code, pkce);

        var second = await fixture.RedeemCodeAsync("app", code, pkce);

        Assert.Equal("invalid_grant", (await AuthFixture.ReadJsonAsync(second))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_CodeReplayed_RevokesFirstTokens()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));

        await fixture.RedeemCodeAsync("app", code, pkce);

        var fhir = await fixture.GetFhirAsync("Observation", first["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, fhir.StatusCode);
        var refresh = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesAccessToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));
        var form = new Dictionary<string, string> { ["token"] = first["refresh_token"]!.GetValue<string>(), ["client_id"] = "app" };

        var revoked = await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var fhir = await fixture.GetFhirAsync("Observation", first["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, fhir.StatusCode);
    }

    [Fact]
    public async Task Revoke_AccessToken_KeepsRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));
        var form = new Dictionary<string, string> { ["token"] = first["access_token"]!.GetValue<string>(), ["client_id"] = "app" };

        await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(form));

        var refresh = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Refresh_RotatesAndCarriesContext()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));

        var response = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>());

        var refreshed = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuthFixture.PatientId, refreshed["patient"]!.GetValue<string>());
        Assert.NotEqual(first["refresh_token"]!.GetValue<string>(), refreshed["refresh_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_UsedTokenAgain_IsRejectedWithoutLeeway()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));
        var refreshToken = first["refresh_token"]!.GetValue<string>();
        await RefreshAsync(fixture, refreshToken);

        var again = await RefreshAsync(fixture, refreshToken);

        Assert.Equal("invalid_grant", (await AuthFixture.ReadJsonAsync(again))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_NarrowerScope_IsGranted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));

        var response = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>(), "offline_access patient/Patient.r");

        Assert.Equal("offline_access patient/Patient.r", (await AuthFixture.ReadJsonAsync(response))["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_WiderScope_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));

        var response = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>(), "patient/Condition.rs");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("TokenInvalidClient", "invalid_client")]
    [InlineData("TokenInvalidGrant", "invalid_grant")]
    [InlineData("TokenServerError", "server_error")]
    public async Task Token_SimulatedError_ReturnsError(string simulated, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture, simulated);

        var response = await fixture.RedeemCodeAsync("app", code, pkce);

        Assert.Equal(expected, (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_SimulatedExpiry_ReturnsInvalidGrant()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture, "TokenExpiredRefreshToken");
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));

        var response = await RefreshAsync(fixture, first["refresh_token"]!.GetValue<string>());

        Assert.Equal("invalid_grant", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_ConfidentialClientSecretBasic_IssuesToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var (code, pkce) = await AuthorizeAsync(fixture);
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = AuthFixture.RedirectUri, ["code_verifier"] = pkce.Verifier };

        var response = await fixture.PostTokenAsync(form, "app", app["clientSecret"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_ConfidentialClientWrongSecret_ReturnsInvalidClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var (code, pkce) = await AuthorizeAsync(fixture);
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = AuthFixture.RedirectUri, ["code_verifier"] = pkce.Verifier };

        var response = await fixture.PostTokenAsync(form, "app", "wrong-secret");

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }
}
