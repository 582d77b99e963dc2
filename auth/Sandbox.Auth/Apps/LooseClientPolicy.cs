using Microsoft.AspNetCore.Hosting.Server;
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
        _ => LoopbackListening.IsLoopbackOnly(server),
    };
}
