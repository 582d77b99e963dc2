using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// The SQLite file behind the authorization server's stores. The stores keep every entity in
/// memory and write each change through this class before they return, so a change is
/// committed before the response that depends on it is sent.
/// </summary>
/// <remarks>
/// One connection does every read and write, guarded by <see cref="WriteLock"/>, which is held
/// for one short statement or transaction only. It holds the file's lock until it is closed, so
/// no other connection can open the file meanwhile. The file is in WAL mode with <c>synchronous=NORMAL</c>:
/// a committed write survives a crash of the process, but the last writes before a power
/// failure or operating-system crash can be lost.
/// </remarks>
internal sealed class AuthDatabase : IDisposable
{
    /// <summary>
    /// The file name inside the data folder. An <c>auth.db</c> left by older versions, which
    /// stored the same entities through Entity Framework Core, is not read.
    /// </summary>
    public const string FileName = "auth-store.db";

    private const int CheckpointPages = 10_000;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, TableCommands> _tables = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _preparedCommands = [];

    public AuthDatabase(DataFolder dataFolder)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = dataFolder.GetFilePath(FileName),
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ConnectionString);
        _connection.Open();
        // The data folder's lock keeps other processes out, and this connection is the only
        // one, so it keeps SQLite's file lock from the first statement on. That saves the
        // fcntl lock calls of every transaction and the shared-memory WAL index, and must be
        // set before WAL mode is entered.
        Execute("PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");

        // A checkpoint copies each page changed since the last one into the file and syncs it,
        // while writers wait. Token requests change the same pages many times between two
        // checkpoints, because new rows go to the end of the token table and of the assertion
        // expiry index. Checkpoints every 10,000 pages instead of SQLite's default 1,000 copy
        // fewer pages per write and sync less often. The WAL file grows to about 40 MB before
        // SQLite reuses it from the start.
        Execute($"PRAGMA wal_autocheckpoint={CheckpointPages};");
        foreach (var table in AuthTables.All)
        {
            Execute($"CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;");
            _tables[table] = new TableCommands(_connection, table);
        }
    }

    /// <summary>The lock every write takes; the stores also hold it while they compare versions.</summary>
    public Lock WriteLock { get; } = new();

    /// <summary>Reads every row of a table; called once per table at start.</summary>
    public List<StoredRow> ReadAll(string table)
    {
        lock (WriteLock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT id, version, data FROM {table};";
            using var reader = command.ExecuteReader();
            var rows = new List<StoredRow>();
            while (reader.Read())
                rows.Add(new StoredRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));

            return rows;
        }
    }

    /// <summary>Inserts a row. The caller must hold <see cref="WriteLock"/>.</summary>
    public void Insert(string table, StoredRow row) => _tables[table].Insert(row);

    /// <summary>
    /// Replaces a row if its stored version is <paramref name="expectedVersion"/>; returns false
    /// when it is not. The caller must hold <see cref="WriteLock"/>.
    /// </summary>
    public bool Update(string table, StoredRow row, long expectedVersion) => _tables[table].Update(row, expectedVersion);

    /// <summary>Deletes rows by id in one transaction. The caller must hold <see cref="WriteLock"/>.</summary>
    public void Delete(string table, IEnumerable<string> ids)
    {
        using var transaction = _connection.BeginTransaction();
        var commands = _tables[table];
        foreach (var id in ids)
            commands.Delete(id, transaction);

        transaction.Commit();
    }

    /// <summary>
    /// Runs schema statements, such as <c>CREATE TABLE IF NOT EXISTS</c>, for a table with a
    /// layout of its own rather than the entity tables' id, version and data.
    /// </summary>
    public void ExecuteSchema(string sql)
    {
        lock (WriteLock)
            Execute(sql);
    }

    /// <summary>
    /// Prepares a command on the write connection, with one parameter per name. The database
    /// disposes it. The caller must hold <see cref="WriteLock"/> while it sets the parameters
    /// and runs the command.
    /// </summary>
    public SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        lock (WriteLock)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
                command.Parameters.Add(new SqliteParameter(name, null));

            command.Prepare();
            _preparedCommands.Add(command);
            return command;
        }
    }

    public void Dispose()
    {
        lock (WriteLock)
        {
            foreach (var commands in _tables.Values)
                commands.Dispose();

            foreach (var command in _preparedCommands)
                command.Dispose();

            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
