using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Server;

/// <summary>
/// The signature algorithms accepted on client assertions, and the check that an assertion's
/// <c>alg</c> fits the registered key that signed it. The token validation of OpenIddict 7.9
/// accepted a PS384 assertion from an RSA key whose JWK has <c>"alg": "RS384"</c>, and an ES256
/// assertion from a P-384 key, so the key type, curve and JWK <c>alg</c> are checked here.
/// </summary>
internal static class ClientAssertionAlgorithms
{
    /// <summary>The algorithms that SMART discovery advertises as <c>token_endpoint_auth_signing_alg_values_supported</c>.</summary>
    public static readonly string[] Supported =
    [
        SecurityAlgorithms.RsaSha384,
        SecurityAlgorithms.EcdsaSha384,
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.EcdsaSha256,
    ];

    // RFC 7518 section 3.4: each ECDSA algorithm is defined for one curve.
    private static readonly Dictionary<string, string> CurveOf = new(StringComparer.Ordinal)
    {
        [SecurityAlgorithms.EcdsaSha256] = JsonWebKeyECTypes.P256,
        [SecurityAlgorithms.EcdsaSha384] = JsonWebKeyECTypes.P384,
        [SecurityAlgorithms.EcdsaSha512] = JsonWebKeyECTypes.P521,
    };

    /// <summary>
    /// Returns why the assertion's <c>alg</c> is not accepted, or null. The keys checked are
    /// those whose <c>kid</c> equals the header's, or every key when the header has none. When
    /// no key has that <c>kid</c>, the signature check reports it and this check returns null.
    /// </summary>
    public static string? FindProblem(JsonWebToken assertion, IEnumerable<JsonWebKey> keys)
    {
        var algorithm = assertion.Alg;
        if (!Supported.Contains(algorithm, StringComparer.Ordinal))
        {
            return $"The client assertion's header has alg '{algorithm}', which this server does not accept; sign it with one of "
                + $"{string.Join(", ", Supported)}, as token_endpoint_auth_signing_alg_values_supported lists.";
        }

        var kid = assertion.Kid;
        var candidates = keys.Where(key => string.IsNullOrEmpty(kid) || string.Equals(key.Kid, kid, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
            return null;

        var problems = candidates.Select(key => FindKeyProblem(algorithm, key)).ToList();
        return problems.Any(problem => problem is null) ? null : problems[0];
    }

    private static string? FindKeyProblem(string algorithm, JsonWebKey key)
    {
        var name = string.IsNullOrEmpty(key.Kid) ? "the registered key" : $"key '{key.Kid}'";
        if (!string.IsNullOrEmpty(key.Alg) && !string.Equals(key.Alg, algorithm, StringComparison.Ordinal))
        {
            return $"The client assertion's header has alg '{algorithm}', but {name} is registered with alg '{key.Alg}', "
                + "which restricts it to that algorithm (RFC 7517 section 4.4); sign with "
                + $"'{key.Alg}' or register a key for '{algorithm}'.";
        }

        if (CurveOf.TryGetValue(algorithm, out var curve))
        {
            return key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == curve
                ? null
                : $"The client assertion's header has alg '{algorithm}', which needs an EC key on curve {curve} (RFC 7518 section 3.4), "
                    + $"but {name} is {Describe(key)}.";
        }

        return key.Kty == JsonWebAlgorithmsKeyTypes.RSA
            ? null
            : $"The client assertion's header has alg '{algorithm}', which needs an RSA key, but {name} is {Describe(key)}.";
    }

    private static string Describe(JsonWebKey key) =>
        key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve ? $"an EC key on curve {key.Crv}" : $"a key of type {key.Kty}";
}
