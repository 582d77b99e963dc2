using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>The SQLite store's write path: multi-row index inserts and the idle and background WAL checkpoints.</summary>
public sealed class StoreWriteTests : IDisposable
{
    private readonly DataFolder _folder = new(Options.Create(new DataFolderOptions { Ephemeral = true }));
    private readonly ManualTimeProvider _time = new();
    private readonly SqliteResourceStore _store;

    public StoreWriteTests()
    {
        var catalog = SearchParameterCatalog.Default;
        var index = new SqliteSearchIndex(catalog, new ResourceIndexer(catalog), _time);
        _store = new SqliteResourceStore(
            new SqliteDatabase(_folder, index),
            index,
            _time,
            NullLogger<SqliteResourceStore>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ManyRows_IndexesEveryRow()
    {
        var rowCount = IndexInsertStatement.MaxRowsPerStatement * 2 + 3;
        var patient = new Patient { Id = "many-identifiers" };
        for (var i = 0; i < rowCount; i++)
            patient.Identifier.Add(new Identifier("urn:test", $"value-{i}"));

        await SaveAsync(patient);

        var codes = await QueryAsync(
            "SELECT code FROM search_token WHERE param = 'identifier' ORDER BY CAST(substr(code, 7) AS INTEGER)");
        Assert.Equal(Enumerable.Range(0, rowCount).Select(i => $"value-{i}"), codes);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TwoResources_KeepsRowsApart()
    {
        await SaveAsync(new Patient { Id = "a", Identifier = [new Identifier("urn:test", "first")] });
        await SaveAsync(new Patient { Id = "b", Identifier = [new Identifier("urn:test", "second")] });

        var rows = await QueryAsync(
            "SELECT r.id || '=' || t.code FROM search_token t JOIN resource r ON r.resource_key = t.resource_key " +
            "WHERE t.param = 'identifier' ORDER BY r.id");
        Assert.Equal(["a=first", "b=second"], rows);
    }

    [Fact]
    public async System.Threading.Tasks.Task IdleCheckpoint_AfterWrite_FillsDatabaseFile()
    {
        await SaveAsync(new Patient { Id = "checkpointed" });

        _time.FireTimers();

        // A copy of the database file without its WAL holds only what a checkpoint moved there.
        // The file's size is no measure: the schema's pages may reach the file before the write,
        // when the connection that created them closes, and then the write only changes them.
        var copy = _folder.GetFilePath("checkpoint-copy.db");
        File.Copy(_folder.GetFilePath(SqliteDatabase.FileName), copy);
        Assert.Equal(["1"], await QueryAsync(copy, "SELECT CAST(count(*) AS TEXT) FROM resource WHERE id = 'checkpointed'"));
    }

    [Fact]
    public async System.Threading.Tasks.Task IdleCheckpoint_AfterDispose_DoesNotThrow()
    {
        await SaveAsync(new Patient { Id = "disposed" });
        _store.Dispose();

        var exception = Record.Exception(_time.FireTimers);

        Assert.Null(exception);
    }

    [Fact]
    public async System.Threading.Tasks.Task BackgroundCheckpoint_PastThreshold_FillsDatabaseFile()
    {
        using var store = CreateStore(backgroundCheckpointFrames: 50);
        for (var i = 0; i < 20; i++)
            await SaveAsync(store, new Patient { Id = $"background-{i}" });

        await store.BackgroundCheckpoint;

        var copy = _folder.GetFilePath("background-copy.db");
        File.Copy(_folder.GetFilePath(SqliteDatabase.FileName), copy);
        var count = await QueryAsync(copy, "SELECT CAST(count(*) AS TEXT) FROM resource WHERE id LIKE 'background-%'");
        Assert.NotEqual(["0"], count);
    }

    [Fact]
    public async System.Threading.Tasks.Task BackgroundCheckpoint_SteadyWrites_RestartsWal()
    {
        // Each create appends a few dozen frames. Without checkpoints the WAL would reach 300
        // creates' worth of them, since the writer's own checkpoint waits for 64,000 frames.
        const int Threshold = 200;
        using var store = CreateStore(backgroundCheckpointFrames: Threshold);
        for (var i = 0; i < 300; i++)
        {
            await SaveAsync(store, new Patient { Id = $"steady-{i}", Identifier = [new Identifier("urn:test", $"v{i}")] });
            if (i % 50 == 0)
                await store.BackgroundCheckpoint;
        }

        var walBytes = new FileInfo(_folder.GetFilePath(SqliteDatabase.FileName + "-wal")).Length;
        var frameBytes = 4096 + 24;
        Assert.InRange(walBytes / frameBytes, 1, 4 * Threshold);
    }

    [Fact]
    public async System.Threading.Tasks.Task Checkpoint_LargeCommit_RunsInline()
    {
        using var store = CreateStore(backgroundCheckpointFrames: 10, inlineCheckpointCommitFrames: 5);

        await SaveAsync(store, new Patient { Id = "large", Identifier = [new Identifier("urn:test", "large")] });

        Assert.Same(System.Threading.Tasks.Task.CompletedTask, store.BackgroundCheckpoint);
        var copy = _folder.GetFilePath("inline-copy.db");
        File.Copy(_folder.GetFilePath(SqliteDatabase.FileName), copy);
        Assert.Equal(["1"], await QueryAsync(copy, "SELECT CAST(count(*) AS TEXT) FROM resource WHERE id = 'large'"));
    }

    private SqliteResourceStore CreateStore(int backgroundCheckpointFrames, int inlineCheckpointCommitFrames = int.MaxValue)
    {
        _store.Dispose();
        var catalog = SearchParameterCatalog.Default;
        var index = new SqliteSearchIndex(catalog, new ResourceIndexer(catalog), _time);
        return new SqliteResourceStore(new SqliteDatabase(_folder, index), index, _time, NullLogger<SqliteResourceStore>.Instance)
        {
            BackgroundCheckpointFrames = backgroundCheckpointFrames,
            InlineCheckpointCommitFrames = inlineCheckpointCommitFrames,
        };
    }

    private static Task<StoredResource> SaveAsync(SqliteResourceStore store, Patient patient) =>
        store.ExecuteAsync((unit, token) => unit.SaveAsync(patient, token), CancellationToken.None);

    private Task<StoredResource> SaveAsync(Patient patient) =>
        _store.ExecuteAsync((unit, token) => unit.SaveAsync(patient, token), CancellationToken.None);

    private Task<List<string>> QueryAsync(string sql) => QueryAsync(_folder.GetFilePath(SqliteDatabase.FileName), sql);

    private static async Task<List<string>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));

        return values;
    }
}
