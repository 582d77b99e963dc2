using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// The SQLite file behind the FHIR store. It hands out connections with the store's
/// pragmas set and creates the schema (the storage tables and the search index's) once.
/// </summary>
/// <remarks>
/// WAL mode with <c>synchronous=NORMAL</c>: a committed transaction survives the process
/// being killed at any moment, because its pages are already in the WAL file that the
/// operating system holds. Only a power loss can drop the last commits, which a sandbox accepts.
/// The WAL is copied back into the database file every <see cref="WalAutoCheckpointPages"/> pages
/// instead of SQLite's default of 1,000, and when writes pause. That constant's comment gives the reasons.
/// </remarks>
public sealed class SqliteDatabase(DataFolder dataFolder, ISearchIndex searchIndex)
{
    /// <summary>The database file name inside the data folder.</summary>
    public const string FileName = "fhir.db";

    /// <summary>
    /// The WAL size, in pages of 4 KiB, at which the WAL is copied back into the database file.
    /// The store's writer starts that checkpoint on another connection after its commit, and
    /// other connections run it inside the commit. A Patient create writes about 66 pages, most
    /// of them leaves of the search indexes' value B-trees, and a checkpoint copies each page
    /// once however often the WAL contains it. Checkpointing at 16,000 pages instead of 4,000
    /// cut SQLite's CPU time per commit by about 12 % in a Python sqlite3 simulation of Patient
    /// creates with this schema (SQLite 3.40, shared 2-core machine). The price is a WAL file of
    /// about 64 MB, plus the frames that commits append while a background checkpoint runs.
    /// The store also checkpoints once writes pause
    /// (<see cref="SqliteResourceStore.IdleCheckpointDelay"/>), so reads after a burst of
    /// writes find their pages in the database file again. Durability does not change, because
    /// a commit is acknowledged once it is in the WAL.
    /// </summary>
    public const int WalAutoCheckpointPages = 16000;

    private readonly string _path = dataFolder.GetFilePath(FileName);

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = dataFolder.GetFilePath(FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    // Reads map the file into memory instead of copying each page with pread into the
    // connection's own 2 MB page cache. In a perf profile of concurrent searches over the
    // Synthea data (an 80 MB file), those copies took about 15 % of the samples. SQLite maps
    // at most the first 2 GiB, or less when its build sets a lower limit, and reads the rest
    // with pread as before. Writes still go through write(), so WAL and commits are unchanged.
    private const long MemoryMapSize = 2L * 1024 * 1024 * 1024;

    // The native connections whose pragmas are set. A pooled SqliteConnection reuses its
    // native connection, and the pragmas stay set on it, so each is configured once.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;
    private long _resetCount;

    /// <summary>
    /// The number of committed resets: units of work that emptied the store, and snapshots
    /// that replaced its rows. Paging cursors made before a reset hold keys of rows that are
    /// gone, so a search compares this count to tell that a cursor is stale.
    /// </summary>
    internal long ResetCount => Interlocked.Read(ref _resetCount);

    /// <summary>Counts a reset. Callers call it after their commit.</summary>
    internal void CountReset() => Interlocked.Increment(ref _resetCount);

    /// <summary>Opens a connection, creating the schema on the first call.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
            await InitializeAsync(cancellationToken);

        return await OpenWithPragmasAsync(cancellationToken);
    }

    /// <summary>
    /// The path of a file that <see cref="TryAdoptAsync"/> may move into place: it sits next to
    /// the database file, so that the move is a rename on the same file system.
    /// </summary>
    internal string AdoptionPath => _path + ".adopt.tmp";

    /// <summary>
    /// Makes the SQLite file at <see cref="AdoptionPath"/> the database, when the database file
    /// does not exist yet and no connection has been opened, and then creates whatever the
    /// schema lacks. Returns false, and leaves the file where it is, otherwise.
    /// </summary>
    /// <remarks>
    /// The rename makes the database appear whole or not at all. A leftover WAL file would be
    /// replayed into the adopted file, so one blocks the adoption as the database file does.
    /// </remarks>
    internal async Task<bool> TryAdoptAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized || File.Exists(_path) || File.Exists(_path + "-wal"))
                return false;

            File.Move(AdoptionPath, _path);
            await CreateSchemaAsync(cancellationToken);
            return true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>Whether the database file is yet to be created, so that <see cref="TryAdoptAsync"/> can succeed.</summary>
    internal bool IsUncreated => !_initialized && !File.Exists(_path);

    private async Task<SqliteConnection> OpenWithPragmasAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        var handle = connection.Handle!;
        if (_configured.TryGetValue(handle, out _))
            return connection;

        await using var command = connection.CreateCommand();
        command.CommandText =
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; " +
            $"PRAGMA wal_autocheckpoint = {WalAutoCheckpointPages}; PRAGMA mmap_size = {MemoryMapSize};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        _configured.AddOrUpdate(handle, handle);
        return connection;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
                await CreateSchemaAsync(cancellationToken);
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    // Runs under the initialization lock.
    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenWithPragmasAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteSchema.Storage;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await searchIndex.CreateSchemaAsync(connection, cancellationToken);
        _initialized = true;
    }
}
