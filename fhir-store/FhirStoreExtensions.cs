using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sandbox.FhirStore.Export;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Import;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Operations.Bundles;
using Sandbox.FhirStore.Rest;
using Sandbox.FhirStore.Rest.Capabilities;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore;

/// <summary>Registers the FHIR store and maps its REST API.</summary>
public static class FhirStoreExtensions
{
    /// <summary>The path of the FHIR base URL, which is <c>iss</c> and <c>aud</c> for SMART apps.</summary>
    public const string FhirBasePath = "/fhir";

    /// <summary>The path of the admin import endpoint.</summary>
    public const string ImportPath = "/api/import";

    /// <summary>The path of the admin export endpoint.</summary>
    public const string ExportPath = "/api/export";

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
        services
            .AddOptions<FhirStoreOptions>()
            .Bind(configuration.GetSection(FhirStoreOptions.SectionName))
            .Validate(
                options => options.MaxRequestBodySize > 0,
                "Fhir:MaxRequestBodySize must be a positive number of bytes.")
            .Validate(
                options => options.DefaultPageSize > 0 && options.MaxPageSize >= options.DefaultPageSize,
                "Fhir:DefaultPageSize must be positive and not larger than Fhir:MaxPageSize.")
            .Validate(
                options => options.ImportBatchSize > 0,
                "Fhir:ImportBatchSize must be a positive number of resources.")
            .Validate(
                options => options.MaxPatchEvaluationSteps > 0,
                "Fhir:MaxPatchEvaluationSteps must be a positive number of FHIRPath steps.")
            .ValidateOnStart();
        services.AddSingleton<DataFolder>();
        services.AddSingleton<RsaKeyPool>();
        services.AddHostedService<RsaKeyPoolRefill>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddFhirSearch(configuration);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IResourceStore, SqliteResourceStore>();
        services.AddSingleton<SqliteStoreSnapshot>();
        services.AddSingleton<ResourceWriter>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<BundleReads>();
        services.AddSingleton<BundleProcessor>();
        services.AddSingleton<CapabilityStatementBuilder>();
        services.AddSingleton<CapabilityStatementCache>();
        services.AddSingleton<ResourceImporter>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService<ImportJobsShutdown>();
        services.AddSingleton<StoreExporter>();
        return services;
    }

    /// <summary>
    /// Adds <c>nosniff</c> and a Content-Security-Policy that loads nothing to every response under
    /// <see cref="FhirBasePath"/>. Call it before any middleware that can end a request itself,
    /// such as the start-up gate, the host name check and the access check, so that their
    /// responses carry the headers too.
    /// </summary>
    public static IApplicationBuilder UseFhirSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<FhirSecurityHeaders>();

    /// <summary>
    /// Maps the FHIR REST API under <see cref="FhirBasePath"/> with its OperationOutcome error
    /// handling, the import endpoint under <see cref="ImportPath"/> and the export endpoint under
    /// <see cref="ExportPath"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapFhirStore(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments(FhirBasePath),
                branch => branch.UseMiddleware<FhirErrorMiddleware>());
        }

        FhirEndpoints.Map(endpoints);
        ImportEndpoints.Map(endpoints);
        ExportEndpoints.Map(endpoints);
        return endpoints;
    }
}
