using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Grants;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The grants that the app access page lists and revokes, read from the real authorization
/// store of a running sandbox after real launches and token requests.
/// </summary>
public sealed class UserGrantsTests
{
    private const string AppId = "grants-app";

    private static object Launch(string? user = AuthFixture.PractitionerUser) => new
    {
        clientId = AppId,
        user,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<AuthFixture> StartWithAppAsync()
    {
        var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync(AppId);
        return fixture;
    }

    private static UserGrants Grants(AuthFixture fixture) => fixture.Server.Services.GetRequiredService<UserGrants>();

    [Fact]
    public async Task List_OfflineLaunch_RecordsContextAndRefreshExpiry()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());

        var apps = await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None);

        var grant = Assert.Single(Assert.Single(apps).Grants);
        Assert.Equal(AppId, apps[0].App.ClientId);
        Assert.Equal(AuthFixture.PatientId, grant.Patient);
        Assert.Contains("offline_access", grant.Scopes);
        Assert.InRange(grant.RefreshTokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
        Assert.NotNull(grant.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task List_LaunchWithoutRefreshToken_ShowsAccessExpiry()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch patient/*.rs", Launch());

        var apps = await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None);

        var grant = Assert.Single(Assert.Single(apps).Grants);
        Assert.Null(grant.RefreshTokenExpiresAt);
        Assert.InRange(grant.AccessTokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
    }

    [Fact]
    public async Task List_LaunchWithoutUser_NotListedForAnyone()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch(user: null));

        var apps = await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None);

        Assert.Empty(apps);
    }

    // The backend service's client id equals the persona's username, so its token's subject
    // names the persona too. It still has no grant, because client_credentials has no user.
    [Fact]
    public async Task List_BackendServiceNamedLikeUser_NotListed()
    {
        var (fixture, credentials) = await BackendClient.StartAsync(AuthFixture.PractitionerUser);
        await using var _ = fixture;
        await fixture.RegisterPublicAppAsync(AppId);
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());
        using var token = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = Assertion(fixture, AuthFixture.PractitionerUser, credentials),
        });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        var apps = await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None);

        Assert.Equal([AppId], apps.Select(access => access.App.ClientId));
    }

    // Replacing an app keeps its grants and tokens, so an access token issued before the app
    // became a backend service still reads /fhir until it expires.
    [Fact]
    public async Task List_AppReplacedAsBackendService_StillListed()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        using var replaced = await fixture.Client.PutAsJsonAsync($"/api/apps/{AppId}", BackendClient.App(AppId, key));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var apps = await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None);

        Assert.Equal([AppId], apps.Select(access => access.App.ClientId));
        Assert.Single(apps[0].Grants);
    }

    [Fact]
    public async Task Revoke_OtherUser_RevokesNothing()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());

        var revoked = await Grants(fixture).RevokeAsync(AuthFixture.PatientUser, AppId, CancellationToken.None);

        Assert.Equal(0, revoked);
        Assert.Single(await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_TwoGrants_RevokesBoth()
    {
        await using var fixture = await StartWithAppAsync();
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());
        await fixture.LaunchAndRedeemAsync(AppId, "launch offline_access patient/*.rs", Launch());

        var revoked = await Grants(fixture).RevokeAsync(AuthFixture.PractitionerUser, AppId, CancellationToken.None);

        Assert.Equal(2, revoked);
        Assert.Empty(await Grants(fixture).ListAsync(AuthFixture.PractitionerUser, CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_UnknownClient_ReturnsZero()
    {
        await using var fixture = await StartWithAppAsync();

        var revoked = await Grants(fixture).RevokeAsync(AuthFixture.PractitionerUser, "no-such-app", CancellationToken.None);

        Assert.Equal(0, revoked);
    }

    private static string Assertion(AuthFixture fixture, string clientId, SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TimeSpan.FromMinutes(4),
            SigningCredentials = credentials,
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
