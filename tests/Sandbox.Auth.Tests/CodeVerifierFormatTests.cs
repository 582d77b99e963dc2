using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// RFC 7636 section 4.1 allows a code_verifier of 43 to 128 characters from [A-Za-z0-9-._~]. A
/// verifier outside that form is rejected even when its S256 challenge matches.
/// </summary>
public sealed class CodeVerifierFormatTests
{
    private static Pkce PkceFor(string verifier) =>
        new(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));

    // An EHR launch that skips sign-in, so the code is issued without pages in between.
    private static async Task<HttpResponseMessage> RedeemWithVerifierAsync(AuthFixture fixture, string verifier)
    {
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = PkceFor(verifier);
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        return await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(42)]
    [InlineData(129)]
    public async Task Token_VerifierOfWrongLength_ReturnsInvalidRequest(int length)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await RedeemWithVerifierAsync(fixture, new string('a', length));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.Contains($"{length} characters long", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_VerifierWithReservedCharacters_ReturnsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await RedeemWithVerifierAsync(fixture, new string('a', 40) + "+/=");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }
}
