using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sandbox.Auth;

/// <summary>
/// Whether the server listens on loopback addresses only. Loose client mode, the open admin API
/// and the host name check all depend on it: only this machine can reach such a server.
/// </summary>
public static class LoopbackListening
{
    /// <summary>
    /// Returns true when the server reports at least one address and every one is a loopback
    /// address or <c>localhost</c>. A wildcard address (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>,
    /// <c>*</c>) is not loopback.
    /// </summary>
    public static bool IsLoopbackOnly(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
            return false;

        return addresses.All(IsLoopback);
    }

    /// <summary>The addresses the server reports that are loopback addresses or <c>localhost</c>.</summary>
    public static IEnumerable<Uri> LoopbackAddresses(IServer server) =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(ParseLoopback)
            .OfType<Uri>();

    /// <summary>Returns true for <c>localhost</c> and a loopback IP address, bracketed or not.</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsLoopback(string address) => ParseLoopback(address) is not null;

    private static Uri? ParseLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            return null;

        return uri.IsLoopback || IsLoopbackHost(uri.Host) ? uri : null;
    }
}
