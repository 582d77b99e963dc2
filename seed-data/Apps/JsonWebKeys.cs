using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.SeedData.Apps;

/// <summary>Writes RSA and EC keys as JSON Web Keys (RFC 7517), with an RFC 7638 thumbprint as kid.</summary>
internal static class JsonWebKeys
{
    public static (JsonObject Private, JsonObject Public) FromRsa(RSA rsa, string algorithm)
    {
        var key = rsa.ExportParameters(includePrivateParameters: true);
        var n = Encode(key.Modulus);
        var e = Encode(key.Exponent);
        var kid = Thumbprint($$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""");
        var publicKey = new JsonObject { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = algorithm, ["n"] = n, ["e"] = e };
        var privateKey = publicKey.DeepClone().AsObject();
        privateKey["d"] = Encode(key.D);
        privateKey["p"] = Encode(key.P);
        privateKey["q"] = Encode(key.Q);
        privateKey["dp"] = Encode(key.DP);
        privateKey["dq"] = Encode(key.DQ);
        privateKey["qi"] = Encode(key.InverseQ);
        return (privateKey, publicKey);
    }

    public static (JsonObject Private, JsonObject Public) FromEc(ECDsa ec, string curve, string algorithm)
    {
        var key = ec.ExportParameters(includePrivateParameters: true);
        var x = Encode(key.Q.X);
        var y = Encode(key.Q.Y);
        var kid = Thumbprint($$"""{"crv":"{{curve}}","kty":"EC","x":"{{x}}","y":"{{y}}"}""");
        var publicKey = new JsonObject { ["kty"] = "EC", ["kid"] = kid, ["use"] = "sig", ["alg"] = algorithm, ["crv"] = curve, ["x"] = x, ["y"] = y };
        var privateKey = publicKey.DeepClone().AsObject();
        privateKey["d"] = Encode(key.D);
        return (privateKey, publicKey);
    }

    public static JsonObject KeySet(JsonObject publicKey) => new() { ["keys"] = new JsonArray(publicKey) };

    private static string Thumbprint(string canonicalJson) => Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static string Encode(byte[]? bytes) =>
        Base64Url.EncodeToString(bytes ?? throw new CryptographicException("The key is missing a parameter."));
}
