using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>A backend-service app with a fresh RSA key, registered for client assertion tests.</summary>
internal static class BackendClient
{
    private static readonly JsonSerializerOptions JwkJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Starts a sandbox and registers the app with a new RSA key, whose credentials sign RS384 assertions.</summary>
    public static async Task<(AuthFixture Fixture, SigningCredentials Credentials)> StartAsync(string clientId)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(App(clientId, key));
        return (fixture, new SigningCredentials(key, SecurityAlgorithms.RsaSha384));
    }

    /// <summary>Returns the registration body of a backend-service app with the public half of the key.</summary>
    public static object App(string clientId, RsaSecurityKey key) =>
        new { clientId, name = "Backend", kind = "BackendService", jwks = PublicJwks(key), scopes = new[] { "system/*.rs" } };

    /// <summary>Returns a JWK Set with the public half of the key, under the same key id.</summary>
    public static JsonNode PublicJwks(RsaSecurityKey key)
    {
        var publicKey = new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId };
        var jwk = JsonSerializer.Serialize(JsonWebKeyConverter.ConvertFromSecurityKey(publicKey), JwkJson);
        return JsonNode.Parse($"{{\"keys\":[{jwk}]}}")!;
    }
}
