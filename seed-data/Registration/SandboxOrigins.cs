using System.Net;
using Microsoft.AspNetCore.Http;
using Sandbox.Auth;

namespace Sandbox.SeedData.Registration;

/// <summary>
/// Turns the addresses the server listens on into the origins a browser on the same machine
/// can use, such as <c>http://localhost:5080</c>.
/// </summary>
internal static class SandboxOrigins
{
    /// <summary>
    /// Returns the distinct origins of the HTTP addresses, in the order given. A wildcard
    /// address (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) becomes <c>localhost</c> and
    /// <c>127.0.0.1</c> on its port, and a loopback address gets both spellings after its own,
    /// because a tester may type either one. Other host names and addresses are kept as they are.
    /// </summary>
    public static IReadOnlyList<string> FromServerAddresses(IEnumerable<string> addresses)
    {
        var origins = new List<string>();
        foreach (var address in addresses)
        {
            foreach (var origin in Expand(address))
            {
                if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
                    origins.Add(origin);
            }
        }

        return origins;
    }

    private static IEnumerable<string> Expand(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (binding.IsNamedPipe || binding.IsUnixPipe || binding.Scheme is not ("http" or "https"))
            return [];

        var own = $"{binding.Scheme}://{binding.Host}:{binding.Port}";
        var localhost = $"{binding.Scheme}://localhost:{binding.Port}";
        var loopback = $"{binding.Scheme}://127.0.0.1:{binding.Port}";
        if (IsWildcard(binding.Host))
            return [localhost, loopback];

        // The address's own spelling comes first, because the launch URL uses the first origin.
        return LoopbackListening.IsLoopbackHost(binding.Host) ? [own, localhost, loopback] : [own];
    }

    private static bool IsWildcard(string host) =>
        host is "+" or "*"
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}
