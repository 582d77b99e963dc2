using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Apps;

/// <summary>Checks that each public key of a registered JWK Set has the members RFC 7518 section 6 requires.</summary>
internal static class JwksValidator
{
    private static readonly Dictionary<string, string[]> RequiredMembers = new(StringComparer.Ordinal)
    {
        ["RSA"] = ["n", "e"],
        ["EC"] = ["crv", "x", "y"],
    };

    /// <summary>Throws <see cref="AppRegistrationException"/> naming the first incomplete key.</summary>
    public static void Validate(JsonObject jwks)
    {
        if (jwks["keys"] is not JsonArray keys || keys.Count == 0)
            throw new AppRegistrationException("jwks has no 'keys' array with at least one key.");

        for (var index = 0; index < keys.Count; index++)
        {
            if (keys[index] is not JsonObject key)
                throw new AppRegistrationException($"jwks.keys[{index}] is not a JSON object.");

            var kty = key["kty"]?.GetValueKind() == JsonValueKind.String ? key["kty"]!.GetValue<string>() : null;
            if (kty is null || !RequiredMembers.TryGetValue(kty, out var members))
                throw new AppRegistrationException($"jwks.keys[{index}] has kty '{kty}'; use RSA or EC.");

            var missing = members.Where(member => key[member]?.GetValueKind() != JsonValueKind.String).ToList();
            if (missing.Count > 0)
                throw new AppRegistrationException($"jwks.keys[{index}] ({kty}) is missing {string.Join(", ", missing.Select(member => $"'{member}'"))}.");
        }
    }
}
