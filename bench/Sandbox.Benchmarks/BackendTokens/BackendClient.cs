using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Benchmarks.BackendTokens;

/// <summary>
/// The benchmark's SMART Backend Services client: an RSA key pair created per run and the
/// RS384 client assertions (RFC 7523) it signs, as a backend service sends them.
/// </summary>
internal sealed class BackendClient : IDisposable
{
    public const string ClientId = "bench-backend";

    /// <summary>The scope requested with every token; both servers allow the client exactly this.</summary>
    public const string Scope = "system/*.rs";

    private const string Algorithm = "RS384";

    private const string KeyId = "bench-backend-key";

    // SMART Backend Services allows an exp at most 5 minutes ahead; 4.5 leaves room for clock
    // differences, and a run uses its assertions within seconds of signing them.
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromSeconds(270);

    private readonly RSA _key = RSA.Create(2048);

    /// <summary>Returns the public key as a JWK Set, as both servers register it.</summary>
    public JsonObject PublicKeySet()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["use"] = "sig",
            ["alg"] = Algorithm,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) };
    }

    /// <summary>
    /// Signs <paramref name="count"/> client assertions for one token endpoint, each with its
    /// own <c>jti</c>, on every core. Signing before the timed phase keeps the load generator's
    /// RSA work (about 0.25 ms of CPU per assertion here) off the cores the server needs.
    /// </summary>
    public string[] SignAssertions(Uri tokenEndpoint, int count, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        var header = Encode(new JsonObject { ["alg"] = Algorithm, ["typ"] = "JWT", ["kid"] = KeyId });
        var assertions = new string[count];
        var privateKey = _key.ExportParameters(includePrivateParameters: true);

        // Each worker signs with its own RSA instance, so that no key object is shared between threads.
        Parallel.For(
            0,
            count,
            () => RSA.Create(privateKey),
            (index, _, key) =>
            {
                assertions[index] = Sign(key, header, CreateClaims(tokenEndpoint, now));
                return key;
            },
            key => key.Dispose());
        return assertions;
    }

    public void Dispose() => _key.Dispose();

    private static JsonObject CreateClaims(Uri tokenEndpoint, DateTimeOffset now) => new()
    {
        ["iss"] = ClientId,
        ["sub"] = ClientId,
        ["aud"] = tokenEndpoint.AbsoluteUri,
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + AssertionLifetime).ToUnixTimeSeconds(),
    };

    private static string Sign(RSA key, string header, JsonObject claims)
    {
        var signingInput = $"{header}.{Encode(claims)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(JsonObject json) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));
}
