using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Host;

/// <summary>Prints the URLs the sandbox serves once Kestrel has bound its addresses.</summary>
internal sealed class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    DataFolder dataFolder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var root = address.TrimEnd('/');
            Console.WriteLine($"SMART sandbox listening on {root}");
            Console.WriteLine($"  EHR:       {root}/");
            Console.WriteLine($"  FHIR base: {root}{FhirStoreExtensions.FhirBasePath}  (iss and aud for SMART apps)");
            Console.WriteLine($"  Discovery: {root}{FhirStoreExtensions.FhirBasePath}/.well-known/smart-configuration");
            Console.WriteLine($"  Admin API: {root}/api  (OpenAPI at {root}/openapi/v1.json)");
        }

        var kind = dataFolder.IsEphemeral ? "throwaway, deleted at shutdown" : "kept";
        Console.WriteLine($"Data folder: {dataFolder.Path} ({kind})");
    }
}
