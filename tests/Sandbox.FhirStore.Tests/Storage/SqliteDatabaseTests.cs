using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Tests.Storage;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task OpenConnection_SetsWalCheckpointInterval()
    {
        using var folder = new DataFolder(Options.Create(new DataFolderOptions { Ephemeral = true }));
        var catalog = SearchParameterCatalog.Default;
        var index = new SqliteSearchIndex(catalog, new ResourceIndexer(catalog), TimeProvider.System);
        var database = new SqliteDatabase(folder, index);

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        var pages = await command.ExecuteScalarAsync();

        Assert.Equal((long)SqliteDatabase.WalAutoCheckpointPages, pages);
    }
}
