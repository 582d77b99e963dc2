using Microsoft.Data.Sqlite;

namespace Sandbox.Auth.Server.Storage;

/// <summary>The prepared insert, update and delete commands of one table.</summary>
internal sealed class TableCommands : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;

    public TableCommands(SqliteConnection connection, string table)
    {
        _insert = Prepare(connection, $"INSERT INTO {table} (id, version, data) VALUES ($id, $version, $data);", "$id", "$version", "$data");
        _update = Prepare(
            connection,
            $"UPDATE {table} SET version = $version, data = $data WHERE id = $id AND version = $expected;",
            "$id",
            "$version",
            "$data",
            "$expected");
        _delete = Prepare(connection, $"DELETE FROM {table} WHERE id = $id;", "$id");
    }

    public void Insert(StoredRow row)
    {
        SetRow(_insert, row);
        _insert.ExecuteNonQuery();
    }

    public bool Update(StoredRow row, long expectedVersion)
    {
        SetRow(_update, row);
        _update.Parameters[3].Value = expectedVersion;
        return _update.ExecuteNonQuery() == 1;
    }

    public void Delete(string id, SqliteTransaction transaction)
    {
        _delete.Transaction = transaction;
        _delete.Parameters[0].Value = id;
        _delete.ExecuteNonQuery();
        _delete.Transaction = null;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _delete.Dispose();
    }

    private static void SetRow(SqliteCommand command, StoredRow row)
    {
        command.Parameters[0].Value = row.Id;
        command.Parameters[1].Value = row.Version;
        command.Parameters[2].Value = row.Data;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));

        command.Prepare();
        return command;
    }
}
