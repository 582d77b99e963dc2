using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sandbox.SeedData.Apps;
using Sandbox.SeedData.Loading;
using Sandbox.SeedData.Personas;
using Sandbox.SeedData.Registration;
using Sandbox.SeedData.Reset;
using Sandbox.SeedData.SampleApp;

namespace Sandbox.SeedData;

/// <summary>Registers the seed population, personas and sample apps, and their loader.</summary>
public static class SeedDataExtensions
{
    /// <summary>
    /// Adds the seed loader, which fills an empty store at start-up according to
    /// <c>Sandbox:Seed</c> (<c>default</c>, <c>empty</c> or an import folder), and the store
    /// of the seed apps' generated credentials. At start-up it also adds the seed personas
    /// (with the generated population only) and registers the seed apps with the
    /// authorization server. Needs <c>AddFhirStore</c> and <c>AddSmartAuth</c>.
    /// </summary>
    public static IServiceCollection AddSeedData(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<SeedOptions>()
            .Bind(configuration.GetSection(SeedOptions.SectionName))
            .Validate(
                options => options.IsDefault || options.IsEmpty || Directory.Exists(options.Seed),
                "Sandbox:Seed must be 'default', 'empty' or an existing folder of FHIR JSON files to import.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SeedPersonaSync>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<SeedSnapshotCache>();
        services.AddSingleton<SeedAppCredentialStore>();
        services.AddSingleton<SeedAppRegistrar>();
        services.AddHostedService<SeedStartupService>();
        services.AddHostedService<SeedRegistrationService>();
        return services;
    }

    /// <summary>Maps the data admin API: <c>POST /api/reset</c>, which resets the store to the seed or to empty.</summary>
    public static IEndpointRouteBuilder MapSeedAdmin(this IEndpointRouteBuilder endpoints)
    {
        ResetApi.Map(endpoints);
        return endpoints;
    }

    /// <summary>Maps the built-in sample SMART app at <see cref="SeedApps.SampleAppPath"/>.</summary>
    public static IEndpointRouteBuilder MapSampleApp(this IEndpointRouteBuilder endpoints)
    {
        SampleAppEndpoints.Map(endpoints);
        return endpoints;
    }
}
