using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Apps;

/// <summary>
/// Checks that each key of a registered JWK Set is a public signing key the token endpoint can
/// verify client assertions with: the members RFC 7518 section 6 requires, no private member,
/// and values that import as a key.
/// </summary>
internal static class JwksValidator
{
    private static readonly Dictionary<string, string[]> RequiredMembers = new(StringComparer.Ordinal)
    {
        ["RSA"] = ["n", "e"],
        ["EC"] = ["crv", "x", "y"],
    };

    // RFC 7518 sections 6.2.2, 6.3.2 and 6.4.1: the members that only a private or symmetric key has.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Throws <see cref="AppRegistrationException"/> naming the first invalid key and member.</summary>
    public static void Validate(JsonObject jwks)
    {
        if (jwks["keys"] is not JsonArray keys || keys.Count == 0)
            throw new AppRegistrationException("jwks has no 'keys' array with at least one key.");

        for (var index = 0; index < keys.Count; index++)
        {
            if (keys[index] is not JsonObject key)
                throw new AppRegistrationException($"jwks.keys[{index}] is not a JSON object.");

            ValidateKey(key, $"jwks.keys[{index}]");
        }
    }

    private static void ValidateKey(JsonObject key, string name)
    {
        var privateMembers = PrivateMembers.Where(member => HasValue(key[member])).ToList();
        if (privateMembers.Count > 0)
        {
            throw new AppRegistrationException(
                $"{name} contains the private key member(s) {Quote(privateMembers)}; register only the public key and keep the private key in the app.");
        }

        var kty = ReadString(key, "kty");
        if (kty is null || !RequiredMembers.TryGetValue(kty, out var members))
            throw new AppRegistrationException($"{name} has kty '{kty}'; use RSA or EC.");

        var missing = members.Where(member => ReadString(key, member) is null).ToList();
        if (missing.Count > 0)
            throw new AppRegistrationException($"{name} ({kty}) is missing {Quote(missing)}.");

        if (ReadString(key, "use") is { } use && use != "sig")
            throw new AppRegistrationException($"{name} has use '{use}'; a key for client assertions must have use 'sig' or none.");

        var problem = kty == "EC" ? JwkImport.FindEcProblem(key) : JwkImport.FindRsaProblem(key);
        if (problem is not null)
            throw new AppRegistrationException($"{name} ({kty}) {problem}");
    }

    /// <summary>Reads a string member, or null when it is missing or not a string.</summary>
    public static string? ReadString(JsonObject key, string member) =>
        key[member] is { } value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // Serializers such as Microsoft.IdentityModel's write empty members ("oth": []) for a public key.
    private static bool HasValue(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>().Length > 0,
        _ => true,
    };

    private static string Quote(IEnumerable<string> members) => string.Join(", ", members.Select(member => $"'{member}'"));
}
