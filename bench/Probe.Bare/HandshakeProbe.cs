using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Probe.Bare;

/// <summary>
/// A minimal stateless SMART authorization server on the sandbox's URL shapes: discovery,
/// authorize that redirects with a code, and token that checks PKCE S256 and returns an RS256
/// id_token. The code is an HMAC-protected copy of the authorize request, so nothing is stored.
/// </summary>
/// <remarks>
/// NOTE: a stateless code can be redeemed more than once until it expires, unlike the sandbox's
/// single-use codes, so the probe does less work per handshake than a compliant server.
/// </remarks>
internal sealed class HandshakeProbe
{
    /// <summary>The only client the probe accepts.</summary>
    public const string ClientId = "bench-app";

    /// <summary>The only redirect URI the probe accepts.</summary>
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly byte[] _codeKey = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _clock;

    public HandshakeProbe(TimeProvider clock) => _clock = clock;

    /// <summary>Returns the SMART configuration document for the given root URL.</summary>
    public static byte[] CreateDiscovery(string root) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["issuer"] = root,
            ["authorization_endpoint"] = root + "/auth/authorize",
            ["token_endpoint"] = root + "/auth/token",
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["capabilities"] = new[] { "launch-ehr", "client-public", "sso-openid-connect", "context-ehr-patient" },
        });

    /// <summary>Validates an authorize request and returns the redirect URL with a code, or an error text.</summary>
    public (string? Location, string? Error) Authorize(IQueryCollection query)
    {
        if (query["response_type"] != "code")
            return (null, "response_type must be 'code'.");
        if (query["client_id"] != ClientId || query["redirect_uri"] != RedirectUri)
            return (null, "Unknown client_id or redirect_uri.");
        if (query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
            return (null, "PKCE with code_challenge_method S256 is required.");

        var expiresAt = _clock.GetUtcNow().Add(CodeLifetime).ToUnixTimeSeconds();
        var payload = $"{query["code_challenge"]}|{query["scope"]}|{expiresAt}";
        var code = Protect(payload);
        var location = QueryHelpers.AddQueryString(RedirectUri, new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = query["state"],
        });
        return (location, null);
    }

    /// <summary>Redeems a code for tokens, or returns an error text.</summary>
    public (byte[]? Body, string? Error) Redeem(IFormCollection form, string issuer)
    {
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["redirect_uri"] != RedirectUri)
            return (null, "grant_type, client_id or redirect_uri is invalid.");

        var payload = Unprotect(form["code"].ToString());
        var parts = payload?.Split('|');
        if (parts is not { Length: 3 } || long.Parse(parts[2]) < _clock.GetUtcNow().ToUnixTimeSeconds())
            return (null, "The code is invalid or expired.");

        var verifierHash = SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()));
        if (WebEncoders.Base64UrlEncode(verifierHash) != parts[0])
            return (null, "The code_verifier does not match the code_challenge.");

        var idToken = SignJwt(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = "bench-user",
            ["aud"] = ClientId,
            ["iat"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
            ["exp"] = _clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
            ["fhirUser"] = issuer + "/fhir/Practitioner/bench-practitioner",
        });
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["access_token"] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["scope"] = parts[1],
            ["id_token"] = idToken,
            ["patient"] = "bench-patient",
        });
        return (body, null);
    }

    private string Protect(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(_codeKey, bytes);
        return WebEncoders.Base64UrlEncode(bytes) + "." + WebEncoders.Base64UrlEncode(mac);
    }

    private string? Unprotect(string code)
    {
        var dot = code.IndexOf('.');
        if (dot <= 0)
            return null;

        try
        {
            var bytes = WebEncoders.Base64UrlDecode(code[..dot]);
            var mac = WebEncoders.Base64UrlDecode(code[(dot + 1)..]);
            var expected = HMACSHA256.HashData(_codeKey, bytes);
            return CryptographicOperations.FixedTimeEquals(mac, expected) ? Encoding.UTF8.GetString(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string SignJwt(Dictionary<string, object> claims)
    {
        var header = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "probe" }));
        var payload = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = header + "." + payload;
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + WebEncoders.Base64UrlEncode(signature);
    }
}
