using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// A real SQLite store in a throwaway folder with the search engine on top. Resources are
/// written the way the storage writes them: a <c>resource</c> row and its index rows in one
/// transaction.
/// </summary>
internal sealed class SearchTestStore : IAsyncDisposable
{
    public static readonly Uri BaseUrl = new("http://sandbox.test/fhir");

    private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private readonly ServiceProvider _services;
    private long _lastUpdated = 1_700_000_000_000;

    public SearchTestStore(IDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        if (timeProvider is not null)
            services.AddSingleton(timeProvider);

        services.AddSingleton(Options.Create(new DataFolderOptions { Ephemeral = true }));
        services.AddSingleton<DataFolder>();
        services.AddSingleton<SqliteDatabase>();
        services.AddFhirSearch(configuration);
        _services = services.BuildServiceProvider();
    }

    public ISearchService Search => _services.GetRequiredService<ISearchService>();

    public ISearchIndex Index => _services.GetRequiredService<ISearchIndex>();

    public SqliteDatabase Database => _services.GetRequiredService<SqliteDatabase>();

    public T GetService<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Stores resources as new or updated current versions and indexes them.</summary>
    public async Task<IReadOnlyList<long>> SaveAsync(params Resource[] resources)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var keys = new List<long>();
        foreach (var resource in resources)
            keys.Add(await SaveAsync(transaction, resource));

        await transaction.CommitAsync();
        return keys;
    }

    public async Task<long> SaveAsync(SqliteTransaction transaction, Resource resource)
    {
        resource.Id ??= Guid.NewGuid().ToString("n");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO resource (resource_type, id, version_id, last_updated, is_deleted, body) " +
            "VALUES ($type, $id, 1, $updated, 0, $body) " +
            "ON CONFLICT (resource_type, id) DO UPDATE SET version_id = version_id + 1, " +
            "last_updated = excluded.last_updated, is_deleted = 0, body = excluded.body " +
            "RETURNING resource_key";
        command.Parameters.AddWithValue("$type", resource.TypeName);
        command.Parameters.AddWithValue("$id", resource.Id);
        command.Parameters.AddWithValue("$updated", _lastUpdated += 1000);
        command.Parameters.AddWithValue("$body", JsonSerializer.SerializeToUtf8Bytes(resource, JsonOptions));
        var key = (long)(await command.ExecuteScalarAsync())!;
        await Index.IndexAsync(transaction, key, resource, CancellationToken.None);
        return key;
    }

    /// <summary>Marks a resource deleted and removes its index rows.</summary>
    public async System.Threading.Tasks.Task DeleteAsync(string type, string id)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE resource SET is_deleted = 1, body = NULL WHERE resource_type = $type AND id = $id RETURNING resource_key";
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$id", id);
        var key = (long)(await command.ExecuteScalarAsync())!;
        await Index.RemoveAsync(transaction, key, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>Runs a type-level search from a query string such as <c>name=smith&amp;_count=5</c>.</summary>
    public Task<Bundle> SearchAsync(
        string? type,
        string query,
        FhirAccessGrant? grant = null,
        bool strict = false,
        string? compartment = null) =>
        Search.SearchAsync(
            new SearchRequest(type, compartment, ParseQuery(query), BaseUrl, strict, grant ?? FhirAccessGrant.Unrestricted),
            CancellationToken.None);

    /// <summary>Follows a paging link as the REST layer would route it.</summary>
    public Task<Bundle> FollowAsync(string link, FhirAccessGrant? grant = null)
    {
        var uri = new Uri(link);
        var path = uri.AbsolutePath[BaseUrl.AbsolutePath.Length..].Trim('/');
        return Search.SearchAsync(
            new SearchRequest(path.Length == 0 ? null : path, null, ParseQuery(uri.Query.TrimStart('?')), BaseUrl, false, grant ?? FhirAccessGrant.Unrestricted),
            CancellationToken.None);
    }

    public static List<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _services.DisposeAsync();
    }
}
