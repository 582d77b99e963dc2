using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Decides whether the admin API needs a key and which one. The decision is made once, on first
/// use after the server has bound its addresses.
/// </summary>
internal sealed class AdminKeyGuard(IOptions<AdminOptions> options, IServer server, DataFolder dataFolder)
{
    /// <summary>The file in the data folder that stores the generated key.</summary>
    public const string KeyFile = "admin-api-key";

    private readonly Lazy<string?> _key = new(() => ResolveKey(options.Value, server, dataFolder));

    /// <summary>The key every admin request needs, or null when the admin API is open.</summary>
    public string? RequiredKey => _key.Value;

    /// <summary>True when the key was generated or read from the data folder rather than configured.</summary>
    public bool KeyIsStored => _key.Value is not null && options.Value.ApiKey is null;

    /// <summary>Whether the presented key matches, compared in constant time.</summary>
    public bool Matches(string presented)
    {
        var expected = Encoding.UTF8.GetBytes(RequiredKey ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(presented));
    }

    private static string? ResolveKey(AdminOptions options, IServer server, DataFolder dataFolder)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
            return options.ApiKey;

        if (!options.RequireKey && ListensOnLoopbackOnly(server))
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

    private static bool ListensOnLoopbackOnly(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0 && addresses.All(IsLoopback);
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            return false;

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
