using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// OpenID Connect Discovery 1.0 section 3: <c>claims_supported</c> lists the claims the server
/// can supply, so a relying party can tell which id_token claims to expect.
/// </summary>
public sealed class ClaimsSupportedTests
{
    [Fact]
    public async Task ClaimsSupported_ListsSmartAndOpenIdClaims()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var claims = await ReadClaimsSupportedAsync(fixture);

        foreach (var claim in new[] { "sub", "iss", "aud", "exp", "iat", "fhirUser", "profile", "name", "nonce", "at_hash", "azp" })
            Assert.Contains(claim, claims);
    }

    [Fact]
    public async Task ClaimsSupported_CoversIssuedIdToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new
        {
            clientId = "app",
            user = AuthFixture.PractitionerUser,
            patient = AuthFixture.PatientId,
            skipLogin = true,
        });
        var pkce = Pkce.Create();
        var url = fixture.AuthorizeUrl("app", "launch openid fhirUser profile", pkce, launch) + "&nonce=n-0S6_WzA2Mj";
        var redirect = await fixture.FollowToAppAsync(url);
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await AuthFixture.ReadJsonAsync(response);

        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        var claims = await ReadClaimsSupportedAsync(fixture);

        // OpenIddict 7.9 adds its private claims, such as oi_au_id, which no client reads.
        var missing = idToken.Select(claim => claim.Key)
            .Where(name => !name.StartsWith("oi_", StringComparison.Ordinal))
            .Except(claims)
            .ToList();
        Assert.True(missing.Count == 0, $"claims_supported lacks the id_token claims {string.Join(", ", missing)}.");
    }

    private static async Task<IReadOnlyList<string>> ReadClaimsSupportedAsync(AuthFixture fixture)
    {
        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration"))!;
        return [.. document["claims_supported"]!.AsArray().Select(node => node!.GetValue<string>())];
    }
}
