using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// The FHIR store's real SQLite storage with search indexing, in a throwaway data folder
/// that is deleted on dispose.
/// </summary>
internal sealed class SqliteStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="clock">The store's clock; the system clock when null.</param>
    /// <param name="configure">More registrations, such as the seed snapshot cache.</param>
    public SqliteStore(TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Ephemeral"] = "true" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
            services.AddSingleton(clock);

        configure?.Invoke(services);
        _services = services.AddFhirStore(configuration).BuildServiceProvider();
    }

    /// <summary>The path of the store's SQLite file.</summary>
    public string DatabasePath => _services.GetRequiredService<DataFolder>().GetFilePath(SqliteDatabase.FileName);

    public IResourceStore Store => _services.GetRequiredService<IResourceStore>();

    public IServiceScopeFactory ScopeFactory => _services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>Returns the ids of every current resource of a type.</summary>
    public Task<IReadOnlyList<string>> ListIdsAsync(string resourceType) =>
        Store.ExecuteAsync((transaction, token) => transaction.MatchAsync(resourceType, string.Empty, token), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
