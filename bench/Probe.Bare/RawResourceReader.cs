using Microsoft.Data.Sqlite;

namespace Probe.Bare;

/// <summary>
/// Reads a resource's stored JSON bytes from the SQLite file that the benchmark program
/// fills, one pooled read-only connection per request.
/// </summary>
internal sealed class RawResourceReader(string? databasePath)
{
    private const string SelectBody = "SELECT body FROM resource WHERE resource_type = $type AND id = $id";

    private readonly string? _connectionString = databasePath is null
        ? null
        : new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();

    /// <summary>Returns the body of the resource, or null when it is not stored.</summary>
    /// <exception cref="InvalidOperationException">No database was configured.</exception>
    public async Task<byte[]?> ReadAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (_connectionString is null)
            throw new InvalidOperationException("No database is configured: start the probe with --Probe:Database <path>.");

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectBody;
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
