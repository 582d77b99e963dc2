using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A client assertion's <c>alg</c> must be one that discovery advertises, must fit the key type
/// and curve (RFC 7518 section 3.4), and must equal the registered JWK's <c>alg</c> when it has
/// one (RFC 7517 section 4.4). The assertions are signed by hand, so that a mismatched algorithm
/// and key can be sent as a misconfigured client would send them.
/// </summary>
public sealed class AssertionAlgorithmTests
{
    private const string ClientId = "backend";
    private const string KeyId = "k1";

    private static async Task<AuthFixture> StartAsync(JsonObject publicJwk)
    {
        var fixture = await AuthFixture.StartAsync();
        var jwks = new JsonObject { ["keys"] = new JsonArray(publicJwk) };
        await fixture.RegisterAppAsync(new { clientId = ClientId, name = "Backend", kind = "BackendService", jwks, scopes = new[] { "system/*.rs" } });
        return fixture;
    }

    private static JsonObject RsaJwk(RSA rsa, string? alg)
    {
        var parameters = rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (alg is not null)
            jwk["alg"] = alg;

        return jwk;
    }

    private static JsonObject EcJwk(ECDsa ecdsa, string curve, string? alg)
    {
        var parameters = ecdsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["kid"] = KeyId,
            ["crv"] = curve,
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        if (alg is not null)
            jwk["alg"] = alg;

        return jwk;
    }

    private static HashAlgorithmName HashOf(string alg) => alg[2..] switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    private static string SigningInput(AuthFixture fixture, string alg)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = KeyId };
        var payload = new JsonObject
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = fixture.TokenUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["exp"] = now + 240,
        };
        return $"{Encode(header)}.{Encode(payload)}";
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string SignRsa(AuthFixture fixture, RSA rsa, string alg)
    {
        var input = SigningInput(fixture, alg);
        var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashOf(alg), padding);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    // JWS ECDSA signatures are the fixed-size concatenation of r and s (RFC 7518 section 3.4).
    private static string SignEc(AuthFixture fixture, ECDsa ecdsa, string alg)
    {
        var input = SigningInput(fixture, alg);
        var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashOf(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static Task<HttpResponseMessage> RequestAsync(AuthFixture fixture, string assertion) =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

    private static async Task<string> AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        return body["error_description"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("PS384")]
    [InlineData("RS512")]
    public async Task Assertion_UnadvertisedAlgorithm_ReturnsInvalidClient(string alg)
    {
        using var rsa = RSA.Create(2048);
        await using var fixture = await StartAsync(RsaJwk(rsa, alg: null));

        var response = await RequestAsync(fixture, SignRsa(fixture, rsa, alg));

        var description = await AssertInvalidClientAsync(response);
        Assert.Contains("token_endpoint_auth_signing_alg_values_supported", description);
    }

    [Fact]
    public async Task Assertion_AlgorithmOtherThanJwkAlg_ReturnsInvalidClient()
    {
        using var rsa = RSA.Create(2048);
        await using var fixture = await StartAsync(RsaJwk(rsa, alg: "RS384"));

        var response = await RequestAsync(fixture, SignRsa(fixture, rsa, "RS256"));

        var description = await AssertInvalidClientAsync(response);
        Assert.Contains("registered with alg 'RS384'", description);
    }

    [Fact]
    public async Task Assertion_Es256WithP384Key_ReturnsInvalidClient()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        await using var fixture = await StartAsync(EcJwk(ecdsa, "P-384", alg: null));

        var response = await RequestAsync(fixture, SignEc(fixture, ecdsa, "ES256"));

        var description = await AssertInvalidClientAsync(response);
        Assert.Contains("curve P-256", description);
    }
}
