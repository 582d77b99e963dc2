using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Sandbox.Auth.Apps;

/// <summary>
/// Decides whether loose mode is on: an unknown <c>client_id</c> is then accepted as a public
/// client. In <see cref="LooseClientMode.Auto"/> it is on only while every listening address
/// is a loopback address, so nobody on the network can use an unregistered client.
/// </summary>
public sealed class LooseClientPolicy(IOptions<SmartAuthOptions> options, IServer server)
{
    /// <summary>Whether unknown clients are accepted now.</summary>
    public bool IsEnabled => options.Value.LooseClients switch
    {
        LooseClientMode.On => true,
        LooseClientMode.Off => false,
        _ => ListensOnLoopbackOnly(),
    };

    private bool ListensOnLoopbackOnly()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
            return false;

        return addresses.All(IsLoopback);
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            return false;

        if (uri.IsLoopback)
            return true;

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
