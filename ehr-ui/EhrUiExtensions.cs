using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.EhrUi;

/// <summary>Registers the fake EHR's Razor Pages.</summary>
public static class EhrUiExtensions
{
    /// <summary>Adds the services of the fake EHR.</summary>
    public static IServiceCollection AddEhrUi(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    /// <summary>Maps the fake EHR at the site root.</summary>
    public static WebApplication MapEhrUi(this WebApplication app)
    {
        return app;
    }
}
