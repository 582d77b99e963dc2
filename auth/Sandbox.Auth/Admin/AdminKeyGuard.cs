using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Decides whether admin functions (the admin API, dynamic registration and the EHR's admin
/// pages) need a key and which one. The key is resolved once, on first use after the server has
/// bound its addresses. Without a configured key, a request is let through only when the server
/// listens on loopback only, the connection comes from loopback and no proxy header is present.
/// </summary>
public sealed class AdminKeyGuard(IOptions<AdminOptions> options, IServer server, DataFolder dataFolder)
{
    /// <summary>The header that carries the admin key.</summary>
    public const string HeaderName = "X-Admin-Key";

    /// <summary>The file in the data folder that stores the generated key.</summary>
    public const string KeyFile = "admin-api-key";

    private readonly Lazy<string?> _key = new(() => ResolveKey(options.Value, server, dataFolder));

    /// <summary>The key admin requests need, or null when the sandbox has none because it listens on loopback only.</summary>
    public string? RequiredKey => _key.Value;

    /// <summary>True when the key was generated or read from the data folder rather than configured.</summary>
    public bool KeyIsStored => _key.Value is not null && options.Value.ApiKey is null;

    /// <summary>
    /// Checks one request: <paramref name="presented"/> is the key it carries (see
    /// <see cref="ReadKey"/>), or null.
    /// </summary>
    public AdminKeyCheck Check(HttpContext context, string? presented)
    {
        if (RequiredKey is null)
            return IsDirectLoopbackRequest(context) ? AdminKeyCheck.Allowed : AdminKeyCheck.NoKeyConfigured;

        if (presented is null)
            return AdminKeyCheck.Missing;

        return Matches(presented) ? AdminKeyCheck.Allowed : AdminKeyCheck.Invalid;
    }

    /// <summary>Reads the key from the <c>X-Admin-Key</c> header or an <c>Authorization: Bearer</c> header.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
            return header.ToString();

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    // A reverse proxy or a container port mapping on the same host connects from loopback, so
    // the proxy headers count as a remote client too.
    private static bool IsDirectLoopbackRequest(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
            return false;

        var headers = context.Request.Headers;
        return !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }

    private bool Matches(string presented)
    {
        var expected = Encoding.UTF8.GetBytes(RequiredKey ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(presented));
    }

    private static string? ResolveKey(AdminOptions options, IServer server, DataFolder dataFolder)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
            return options.ApiKey;

        if (!options.RequireKey && LoopbackListening.IsLoopbackOnly(server))
            return null;

        var path = dataFolder.GetFilePath(KeyFile);
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();

        var key = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        return key;
    }
}
