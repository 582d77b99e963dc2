using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Apps;

/// <summary>
/// Imports the public members of an RSA or EC JWK with System.Security.Cryptography, so that a
/// key which could never verify a signature is rejected at registration. Each method returns
/// the problem as the end of a sentence that starts with the key's name, or null.
/// </summary>
internal static class JwkImport
{
    // NIST SP 800-57 part 1 and RFC 7518 section 3.3: RSA keys shorter than 2048 bits are too weak.
    private const int MinRsaBits = 2048;

    private static readonly Dictionary<string, (ECCurve Curve, int CoordinateBytes, string Alg)> Curves = new(StringComparer.Ordinal)
    {
        ["P-256"] = (ECCurve.NamedCurves.nistP256, 32, "ES256"),
        ["P-384"] = (ECCurve.NamedCurves.nistP384, 48, "ES384"),
        ["P-521"] = (ECCurve.NamedCurves.nistP521, 66, "ES512"),
    };

    private static readonly HashSet<string> RsaAlgorithms = new(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    };

    /// <summary>Checks an EC key whose <c>crv</c>, <c>x</c> and <c>y</c> are strings.</summary>
    public static string? FindEcProblem(JsonObject key)
    {
        var crv = JwksValidator.ReadString(key, "crv")!;
        if (!Curves.TryGetValue(crv, out var curve))
            return $"has crv '{crv}'; use P-256, P-384 or P-521.";

        if (JwksValidator.ReadString(key, "alg") is { } alg && alg != curve.Alg)
            return $"has alg '{alg}', which does not fit crv '{crv}'; use {curve.Alg} or leave alg out.";

        var x = Decode(key, "x");
        var y = Decode(key, "y");
        if (x is null || y is null)
            return "has an 'x' or 'y' that is not base64url.";

        if (x.Length != curve.CoordinateBytes || y.Length != curve.CoordinateBytes)
            return $"has an 'x' or 'y' that is not {curve.CoordinateBytes} bytes long, as {crv} coordinates are.";

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = new ECPoint { X = x, Y = y } });
            return null;
        }
        catch (CryptographicException)
        {
            return $"has 'x' and 'y' that are not a point on curve {crv}.";
        }
    }

    /// <summary>Checks an RSA key whose <c>n</c> and <c>e</c> are strings.</summary>
    public static string? FindRsaProblem(JsonObject key)
    {
        if (JwksValidator.ReadString(key, "alg") is { } alg && !RsaAlgorithms.Contains(alg))
            return $"has alg '{alg}'; use RS256, RS384, RS512, PS256, PS384 or PS512, or leave alg out.";

        var modulus = Decode(key, "n");
        var exponent = Decode(key, "e");
        if (modulus is null || exponent is null)
            return "has an 'n' or 'e' that is not base64url.";

        var n = new BigInteger(modulus, isUnsigned: true, isBigEndian: true);
        if (n.GetBitLength() < MinRsaBits || n.IsEven)
            return $"has a modulus 'n' of {n.GetBitLength()} bits; an RSA public key needs an odd modulus of at least {MinRsaBits} bits.";

        var e = new BigInteger(exponent, isUnsigned: true, isBigEndian: true);
        if (e < 3 || e.IsEven || exponent.Length > 4)
            return $"has an exponent 'e' of {e}; use an odd exponent from 3 to 2^32 - 1, usually 65537 ('AQAB').";

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            return null;
        }
        catch (CryptographicException)
        {
            return "has 'n' and 'e' that do not import as an RSA public key.";
        }
    }

    private static byte[]? Decode(JsonObject key, string member)
    {
        try
        {
            return Base64UrlEncoder.DecodeBytes(JwksValidator.ReadString(key, member));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
