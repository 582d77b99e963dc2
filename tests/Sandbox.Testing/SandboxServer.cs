using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore;
using Sandbox.Host;

namespace Sandbox.Testing;

/// <summary>
/// The whole sandbox running in the test process on a free loopback port, with a fresh
/// store. Dispose it to stop the host and delete its throwaway data folder.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The root of the sandbox, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The FHIR base URL, which is <c>iss</c> and <c>aud</c> for SMART apps (no trailing slash).</summary>
    public Uri FhirBase => new(BaseAddress, FhirStoreExtensions.FhirBasePath);

    /// <summary>The host's services, for tests that need to look inside.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a sandbox on <c>127.0.0.1</c> with a port the operating system picks.</summary>
    public static async Task<SandboxServer> StartAsync(
        SandboxServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SandboxServerOptions();
        var app = SandboxApp.Build(BuildArguments(options));
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server did not report its addresses.");
        var address = addresses.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates an HTTP client whose base address is <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = BaseAddress;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string[] BuildArguments(SandboxServerOptions options)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--seed", options.Seed,
            "--Logging:LogLevel:Default", "Warning",
        };
        if (options.DataFolder is null)
            args.AddRange(["--ephemeral", "true"]);
        else
            args.AddRange(["--data", options.DataFolder]);

        if (options.OpenFhir)
            args.AddRange(["--open-fhir", "true"]);

        foreach (var (key, value) in options.Settings)
            args.AddRange([$"--{key}", value ?? string.Empty]);

        return [.. args];
    }
}
