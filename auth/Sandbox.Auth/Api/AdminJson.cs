using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.Auth.Api;

/// <summary>How the admin API binds JSON request bodies.</summary>
internal static class AdminJson
{
    /// <summary>
    /// Rejects members that the body type does not have, so a misspelt member such as
    /// <c>patientId</c> gets 400 instead of being dropped. Binding failures throw, so that
    /// <see cref="AdminBodyErrors"/> can name the member that is wrong. Endpoints outside the admin
    /// API bind no JSON through minimal APIs: <c>/fhir</c> reads its bodies itself.
    /// </summary>
    public static IServiceCollection AddAdminJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
