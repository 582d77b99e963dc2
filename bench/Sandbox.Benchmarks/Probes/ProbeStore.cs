using Microsoft.Data.Sqlite;
using Sandbox.Benchmarks.Data;

namespace Sandbox.Benchmarks.Probes;

/// <summary>
/// The probes' SQLite file: a current row per resource, which the bare probe reads by id, and a
/// row per version, because a FHIR store keeps every version. WAL mode with
/// <c>synchronous=NORMAL</c>, as the sandbox's own store uses.
/// </summary>
internal sealed class ProbeStore : IDisposable
{
    private const string Schema =
        """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE resource (
            resource_key  INTEGER PRIMARY KEY,
            resource_type TEXT    NOT NULL,
            id            TEXT    NOT NULL,
            version_id    INTEGER NOT NULL,
            last_updated  INTEGER NOT NULL,
            body          BLOB    NOT NULL,
            UNIQUE (resource_type, id)
        );
        CREATE TABLE resource_version (
            resource_key  INTEGER NOT NULL,
            version_id    INTEGER NOT NULL,
            last_updated  INTEGER NOT NULL,
            body          BLOB    NOT NULL,
            PRIMARY KEY (resource_key, version_id)
        ) WITHOUT ROWID;
        """;

    private const string UpsertCurrent =
        """
        INSERT INTO resource (resource_type, id, version_id, last_updated, body)
        VALUES ($type, $id, 1, $lastUpdated, $body)
        ON CONFLICT (resource_type, id) DO UPDATE
            SET version_id = version_id + 1, last_updated = excluded.last_updated, body = excluded.body
        RETURNING resource_key, version_id
        """;

    private const string InsertVersion =
        """
        INSERT INTO resource_version (resource_key, version_id, last_updated, body)
        VALUES ($key, $version, $lastUpdated, $body)
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsertCurrent;
    private readonly SqliteCommand _insertVersion;

    private ProbeStore(SqliteConnection connection)
    {
        _connection = connection;
        _upsertCurrent = CreateCommand(UpsertCurrent, "$type", "$id", "$lastUpdated", "$body");
        _insertVersion = CreateCommand(InsertVersion, "$key", "$version", "$lastUpdated", "$body");
    }

    /// <summary>Creates a new SQLite file with the probe schema, replacing any file at the path.</summary>
    public static ProbeStore Create(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return new ProbeStore(connection);
    }

    public SqliteTransaction BeginTransaction() => _connection.BeginTransaction();

    /// <summary>Writes a new version of the resource: the current row and the version row.</summary>
    public void Write(ResourceKey key, byte[] body, long lastUpdated, SqliteTransaction transaction)
    {
        _upsertCurrent.Transaction = transaction;
        _upsertCurrent.Parameters["$type"].Value = key.Type;
        _upsertCurrent.Parameters["$id"].Value = key.Id;
        _upsertCurrent.Parameters["$lastUpdated"].Value = lastUpdated;
        _upsertCurrent.Parameters["$body"].Value = body;

        long resourceKey;
        long version;
        using (var reader = _upsertCurrent.ExecuteReader())
        {
            reader.Read();
            resourceKey = reader.GetInt64(0);
            version = reader.GetInt64(1);
        }

        _insertVersion.Transaction = transaction;
        _insertVersion.Parameters["$key"].Value = resourceKey;
        _insertVersion.Parameters["$version"].Value = version;
        _insertVersion.Parameters["$lastUpdated"].Value = lastUpdated;
        _insertVersion.Parameters["$body"].Value = body;
        _insertVersion.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _upsertCurrent.Dispose();
        _insertVersion.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand CreateCommand(string text, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameterNames)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });

        return command;
    }
}
