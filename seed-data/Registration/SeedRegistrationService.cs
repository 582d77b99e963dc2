using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.Auth.Personas;
using Sandbox.SeedData.Loading;
using Sandbox.SeedData.Personas;

namespace Sandbox.SeedData.Registration;

/// <summary>
/// Adds the seed personas to the persona store and registers the seed apps with the
/// authorization server at start-up.
/// </summary>
/// <remarks>
/// Personas are added before the server takes requests. Apps are registered once the server
/// has bound its addresses, because the sample app's redirect URIs contain the sandbox's own
/// origin and the port is known only then (the tests bind port 0). The host waits for
/// <see cref="StartedAsync"/> before it reports the application as started.
/// </remarks>
internal sealed class SeedRegistrationService(
    IServiceProvider services,
    IPersonaStore personas,
    SeedAppRegistrar apps,
    IOptions<SeedOptions> options,
    ILogger<SeedRegistrationService> logger) : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The personas' fhirUser resources exist only in the generated population.
        var seed = options.Value;
        if (!seed.IsDefault)
        {
            Log.PersonasSkipped(logger, seed.Seed);
            return;
        }

        foreach (var persona in SeedPersonas.All)
            await personas.AddAsync(SeedPersonaConversion.ToPersona(persona), cancellationToken);

        Log.PersonasAdded(logger, SeedPersonas.All.Count);
    }

    // NOTE: a request that reaches the server between binding and the end of this method
    // finds no seed app yet, unless the host delays requests until it has started (the sandbox
    // host does). Behind a reverse proxy, the sample app's redirect URIs name the
    // listening addresses, not the proxy's origin, until the app is replaced via /api/apps.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var origins = SandboxOrigins.FromServerAddresses(addresses);
        if (origins.Count == 0)
        {
            Log.NoOrigins(logger);
            return;
        }

        await apps.RegisterAllAsync(origins, cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
