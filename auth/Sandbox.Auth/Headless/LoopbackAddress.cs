using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sandbox.Auth.Headless;

/// <summary>Finds an address on which this process can call its own endpoints.</summary>
internal static class LoopbackAddress
{
    /// <summary>
    /// Returns a listening address with the given scheme, with a wildcard host (<c>0.0.0.0</c>,
    /// <c>[::]</c>, <c>+</c>, <c>*</c>) replaced by the matching loopback address, or null
    /// when the server listens on no such address.
    /// </summary>
    public static Uri? Find(IServer server, string scheme)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var normalised = address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1");
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
                continue;

            var host = uri.Host switch
            {
                "0.0.0.0" => "127.0.0.1",
                "[::]" => "[::1]",
                _ => uri.Host,
            };
            return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
        }

        return null;
    }
}
