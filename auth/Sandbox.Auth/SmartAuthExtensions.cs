using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.Auth;

/// <summary>Registers the SMART authorization server and maps its endpoints and pages.</summary>
public static class SmartAuthExtensions
{
    /// <summary>Adds the OpenIddict-based authorization server, launches and scope enforcement.</summary>
    public static IServiceCollection AddSmartAuth(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    /// <summary>
    /// Adds the authorization middleware (CORS before authentication) and maps discovery,
    /// the OAuth endpoints, the interaction pages and the app and launch admin API.
    /// </summary>
    public static WebApplication MapSmartAuth(this WebApplication app)
    {
        return app;
    }
}
