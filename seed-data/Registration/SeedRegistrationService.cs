using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
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
/// Personas are added before the server takes requests. The sample app's redirect URIs contain
/// the sandbox's own origin. When every configured URL (<c>--urls</c>) names its port, the apps
/// are registered for those origins from <see cref="StartingAsync"/>, beside the rest of the
/// start. Otherwise, as with port 0 in the tests, or when the bound addresses turn out to differ,
/// they are registered once the server has bound its addresses. The host waits for
/// <see cref="StartedAsync"/> before it reports the application as started.
/// </remarks>
internal sealed class SeedRegistrationService(
    IServiceProvider services,
    IConfiguration configuration,
    IPersonaStore personas,
    SeedAppRegistrar apps,
    IOptions<SeedOptions> options,
    ILogger<SeedRegistrationService> logger) : IHostedLifecycleService
{
    private IReadOnlyList<string> _earlyOrigins = [];
    private Task? _earlyRegistration;

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
        if (_earlyRegistration is not null)
        {
            await _earlyRegistration;
            if (origins.SequenceEqual(_earlyOrigins, StringComparer.OrdinalIgnoreCase))
                return;
        }

        if (origins.Count == 0)
        {
            Log.NoOrigins(logger);
            return;
        }

        await apps.RegisterAllAsync(origins, cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _earlyOrigins = ConfiguredOrigins();
        if (_earlyOrigins.Count > 0)
            _earlyRegistration = Task.Run(() => apps.RegisterAllAsync(_earlyOrigins, cancellationToken), CancellationToken.None);

        return Task.CompletedTask;
    }

    // The origins of the URLs that the host is configured to bind, or none when one of them
    // leaves the port to the operating system, so that only the bound addresses can tell it.
    private IReadOnlyList<string> ConfiguredOrigins()
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (urls.Length == 0 || !urls.All(NamesPort))
            return [];

        return SandboxOrigins.FromServerAddresses(urls);
    }

    // Kestrel rejects an address that does not parse when it binds, which reports that error.
    private static bool NamesPort(string url)
    {
        try
        {
            return BindingAddress.Parse(url).Port != 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
