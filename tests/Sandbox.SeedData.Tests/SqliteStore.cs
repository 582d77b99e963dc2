using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Storage;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// The FHIR store's real SQLite storage with search indexing, in a throwaway data folder
/// that is deleted on dispose.
/// </summary>
internal sealed class SqliteStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SqliteStore()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Ephemeral"] = "true" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddFhirStore(configuration).BuildServiceProvider();
    }

    public IResourceStore Store => _services.GetRequiredService<IResourceStore>();

    public IServiceScopeFactory ScopeFactory => _services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>Returns the ids of every current resource of a type.</summary>
    public Task<IReadOnlyList<string>> ListIdsAsync(string resourceType) =>
        Store.ExecuteAsync((transaction, token) => transaction.MatchAsync(resourceType, string.Empty, token), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
