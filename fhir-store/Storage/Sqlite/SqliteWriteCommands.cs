using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// The prepared statements of the store's one writer connection. Writers are serialized, so
/// the statements are compiled once per connection and rebound to each new transaction.
/// </summary>
internal sealed class SqliteWriteCommands(SqliteConnection connection) : IAsyncDisposable
{
    private SqliteTransaction? _transaction;
    private SqliteCommand? _selectCurrent;
    private SqliteCommand? _upsertCurrent;
    private SqliteCommand? _insertVersion;

    public SqliteCommand SelectCurrent => _selectCurrent ??= Prepare(
        "SELECT version_id, last_updated, is_deleted, body, resource_key FROM resource " +
        "WHERE resource_type = $type AND id = $id",
        ("$type", SqliteType.Text),
        ("$id", SqliteType.Text));

    public SqliteCommand UpsertCurrent => _upsertCurrent ??= Prepare(
        """
        INSERT INTO resource (resource_type, id, version_id, last_updated, is_deleted, body)
        VALUES ($type, $id, $version, $updated, $deleted, $body)
        ON CONFLICT (resource_type, id) DO UPDATE SET
            version_id = excluded.version_id, last_updated = excluded.last_updated,
            is_deleted = excluded.is_deleted, body = excluded.body
        RETURNING resource_key
        """,
        ("$type", SqliteType.Text),
        ("$id", SqliteType.Text),
        ("$version", SqliteType.Integer),
        ("$updated", SqliteType.Integer),
        ("$deleted", SqliteType.Integer),
        ("$body", SqliteType.Blob));

    public SqliteCommand InsertVersion => _insertVersion ??= Prepare(
        """
        INSERT INTO resource_version (resource_key, version_id, last_updated, is_deleted, method, body)
        VALUES ($key, $version, $updated, $deleted, $method, $body)
        """,
        ("$key", SqliteType.Integer),
        ("$version", SqliteType.Integer),
        ("$updated", SqliteType.Integer),
        ("$deleted", SqliteType.Integer),
        ("$method", SqliteType.Text),
        ("$body", SqliteType.Blob));

    /// <summary>Makes every statement run in <paramref name="transaction"/>.</summary>
    public void Bind(SqliteTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in Prepared())
            command.Transaction = transaction;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Prepared())
            await command.DisposeAsync();
    }

    private IEnumerable<SqliteCommand> Prepared() =>
        new[] { _selectCurrent, _upsertCurrent, _insertVersion }.OfType<SqliteCommand>();

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
            command.Parameters.Add(name, type);

        command.Prepare();
        return command;
    }
}
