using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Search.Paging;
using Sandbox.FhirStore.Search.Results;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Search;

/// <summary>Registers the search engine.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SQLite search index (<see cref="ISearchIndex"/>), the search service
    /// (<see cref="ISearchService"/>), the parameter catalog for the CapabilityStatement
    /// (<see cref="ISearchParameterCatalog"/>) and <see cref="SearchOptions"/> bound from
    /// <see cref="SearchOptions.SectionName"/>.
    /// </summary>
    public static IServiceCollection AddFhirSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.SectionName))
            .Validate(
                options => options.DefaultCount > 0
                    && options.MaxCount >= options.DefaultCount
                    && options.MaxResults >= options.MaxCount
                    && options.MaxCursorKeys > options.MaxResults,
                "Sandbox:Search needs 0 < DefaultCount <= MaxCount <= MaxResults < MaxCursorKeys.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => SearchParameterCatalog.Default);
        services.AddHostedService<CatalogWarmUp>();
        CatalogWarmUp.Begin();
        services.AddSingleton<ISearchParameterCatalog>(provider => provider.GetRequiredService<SearchParameterCatalog>());
        services.AddSingleton<ResourceIndexer>();
        services.AddSingleton<SqliteSearchIndex>();
        services.AddSingleton<ISearchIndex>(provider => provider.GetRequiredService<SqliteSearchIndex>());
        services.AddSingleton<IncludeResolver>();
        services.AddSingleton<SearchCursorStore>();
        services.AddSingleton<SqliteReadConnectionPool>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<ISearchService>(provider => provider.GetRequiredService<SearchService>());
        services.AddSingleton<SearchReindexer>();
        return services;
    }
}
