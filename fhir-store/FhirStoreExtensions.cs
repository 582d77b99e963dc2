using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.FhirStore;

/// <summary>Registers the FHIR store and maps its REST API.</summary>
public static class FhirStoreExtensions
{
    /// <summary>The path of the FHIR base URL, which is <c>iss</c> and <c>aud</c> for SMART apps.</summary>
    public const string FhirBasePath = "/fhir";

    /// <summary>Adds the data folder, the SQLite storage, search and the FHIR REST services.</summary>
    public static IServiceCollection AddFhirStore(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<DataFolderOptions>()
            .Bind(configuration.GetSection(DataFolderOptions.SectionName))
            .Validate(
                options => options.Ephemeral || !string.IsNullOrWhiteSpace(options.DataFolder),
                "Sandbox:DataFolder is empty: set it to a folder path, or set Sandbox:Ephemeral to true.")
            .ValidateOnStart();
        services.AddSingleton<DataFolder>();
        return services;
    }

    /// <summary>Maps the FHIR REST API under <see cref="FhirBasePath"/>.</summary>
    public static IEndpointRouteBuilder MapFhirStore(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
