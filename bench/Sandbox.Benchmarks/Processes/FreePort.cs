using System.Net;
using System.Net.Sockets;

namespace Sandbox.Benchmarks.Processes;

/// <summary>Finds loopback ports that no one listens on.</summary>
internal static class FreePort
{
    /// <summary>
    /// Returns a loopback root URL on a port the operating system reports as free. Another
    /// process could take the port before the server binds it, which a failed start reports.
    /// </summary>
    public static Uri NextLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
