using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A loopback HTTP server that publishes one JWK Set, as an app's jwks_uri would, and can
/// replace it to rotate the app's keys.
/// </summary>
internal sealed class JwksServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private volatile byte[] _body;
    private int _requestCount;

    public JwksServer(string jwksJson)
    {
        _body = Encoding.UTF8.GetBytes(jwksJson);
        Url = $"http://127.0.0.1:{FreePort()}/jwks.json";
        _listener.Prefixes.Add(Url[..(Url.LastIndexOf('/') + 1)]);
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    /// <summary>How many requests the server has received.</summary>
    public int RequestCount => _requestCount;

    /// <summary>Publishes another JWK Set in place of the current one.</summary>
    public void Publish(string jwksJson) => _body = Encoding.UTF8.GetBytes(jwksJson);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requestCount);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
