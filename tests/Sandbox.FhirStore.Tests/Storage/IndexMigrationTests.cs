using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>
/// A data folder written by an earlier build, whose reference index lacks the resource key,
/// gets the current index when the store first opens it.
/// </summary>
public sealed class IndexMigrationTests : IDisposable
{
    private readonly DataFolder _folder = new(Options.Create(new DataFolderOptions { Ephemeral = true }));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Open_EarlierReferenceIndex_CreatesCoveringIndex()
    {
        await CreateEarlierSchemaAsync();

        var names = await OpenAndListIndexesAsync();

        Assert.Contains("search_reference_by_target_key", names);
    }

    [Fact]
    public async Task Open_EarlierReferenceIndex_DropsIt()
    {
        await CreateEarlierSchemaAsync();

        var names = await OpenAndListIndexesAsync();

        Assert.DoesNotContain("search_reference_by_target", names);
    }

    [Fact]
    public async Task Open_EarlierReferenceIndex_KeepsIndexRows()
    {
        await CreateEarlierSchemaAsync();
        await OpenAndListIndexesAsync();

        await using var connection = OpenDirect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM search_reference INDEXED BY search_reference_by_target_key WHERE target_id = 'p1'";
        var count = await command.ExecuteScalarAsync();

        Assert.Equal(1L, count);
    }

    // The reference table and index as an earlier build created them, with one index row.
    private async Task CreateEarlierSchemaAsync()
    {
        await using var connection = OpenDirect();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            CREATE TABLE search_reference (
                resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
                target_type TEXT, target_id TEXT, url TEXT, identifier_system TEXT, identifier_value TEXT);
            CREATE INDEX search_reference_by_target ON search_reference (target_id, param, resource_type, target_type);
            INSERT INTO search_reference (resource_key, resource_type, param, target_type, target_id)
                VALUES (1, 'Observation', 'patient', 'Patient', 'p1');
            """;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> OpenAndListIndexesAsync()
    {
        var catalog = SearchParameterCatalog.Default;
        var index = new SqliteSearchIndex(catalog, new ResourceIndexer(catalog), TimeProvider.System);
        var database = new SqliteDatabase(_folder, index);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_reference'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));

        return names;
    }

    private SqliteConnection OpenDirect()
    {
        var connection = new SqliteConnection($"Data Source={_folder.GetFilePath(SqliteDatabase.FileName)};Pooling=False");
        connection.Open();
        return connection;
    }
}
