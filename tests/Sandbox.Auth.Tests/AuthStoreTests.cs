using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The authorization server's own stores: single-use codes under concurrent redemption,
/// apps and refresh tokens kept across a restart on the same data folder, and pruning.
/// </summary>
public sealed class AuthStoreTests
{
    private const string Scope = "launch offline_access patient/Observation.rs";

    private static readonly object Launch = new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<(string Code, Pkce Pkce)> AuthorizeAsync(AuthFixture fixture)
    {
        var launch = await fixture.CreateLaunchAsync(Launch);
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch));
        return (AuthFixture.Query(redirect)["code"], pkce);
    }

    private static Task<HttpResponseMessage> RefreshAsync(AuthFixture fixture, string refreshToken) =>
        fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "app" });

    private static async Task<long> CountTokensAsync(AuthFixture fixture, string status)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        long count = 0;
        await foreach (var token in tokens.ListAsync(count: null, offset: null, CancellationToken.None))
        {
            if (await tokens.HasStatusAsync(token, status, CancellationToken.None))
                count++;
        }

        return count;
    }

    [Fact]
    public async Task Code_ConcurrentRedemptions_ExactlyOneSucceeds()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.RedeemCodeAsync("app", code, pkce)));

        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(response => response.StatusCode == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task RefreshToken_ConcurrentRedemptions_ExactlyOneSucceeds()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var (code, pkce) = await AuthorizeAsync(fixture);
        var first = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", code, pkce));
        var refreshToken = first["refresh_token"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(fixture, refreshToken)));

        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Restart_SameDataFolder_KeepsApp()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-store-").FullName;
        var url = AuthFixture.FixedUrl();
        try
        {
            await using (var before = await AuthFixture.StartAsync(url, dataFolder))
                await before.RegisterPublicAppAsync("app");

            await using var after = await AuthFixture.StartAsync(url, dataFolder);
            var tokens = await after.LaunchAndRedeemAsync("app", Scope, Launch);

            Assert.NotNull(tokens["access_token"]);
            Assert.Equal(HttpStatusCode.OK, (await after.Client.GetAsync("/api/apps/app")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_SameDataFolder_RefreshTokenWorks()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-store-").FullName;
        var url = AuthFixture.FixedUrl();
        try
        {
            string refreshToken;
            await using (var before = await AuthFixture.StartAsync(url, dataFolder))
            {
                await before.RegisterPublicAppAsync("app");
                refreshToken = (await before.LaunchAndRedeemAsync("app", Scope, Launch))["refresh_token"]!.GetValue<string>();
            }

            await using var after = await AuthFixture.StartAsync(url, dataFolder);
            var response = await RefreshAsync(after, refreshToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(AuthFixture.PatientId, (await AuthFixture.ReadJsonAsync(response))["patient"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_SameDataFolder_RedeemedRefreshTokenStaysRejected()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-store-").FullName;
        var url = AuthFixture.FixedUrl();
        try
        {
            string refreshToken;
            await using (var before = await AuthFixture.StartAsync(url, dataFolder))
            {
                await before.RegisterPublicAppAsync("app");
                refreshToken = (await before.LaunchAndRedeemAsync("app", Scope, Launch))["refresh_token"]!.GetValue<string>();
                Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(before, refreshToken)).StatusCode);
            }

            await using var after = await AuthFixture.StartAsync(url, dataFolder);
            var response = await RefreshAsync(after, refreshToken);

            Assert.Equal("invalid_grant", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Prune_RemovesRedeemedTokens()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await fixture.LaunchAndRedeemAsync("app", Scope, Launch);
        Assert.Equal(1, await CountTokensAsync(fixture, Statuses.Redeemed));

        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await tokens.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        }

        Assert.Equal(0, await CountTokensAsync(fixture, Statuses.Redeemed));
    }

    [Fact]
    public async Task Prune_KeepsValidRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var refreshToken = (await fixture.LaunchAndRedeemAsync("app", Scope, Launch))["refresh_token"]!.GetValue<string>();

        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
            await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(fixture, refreshToken)).StatusCode);
    }
}
