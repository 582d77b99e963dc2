using System.Text;
using Microsoft.Data.Sqlite;

namespace Probe.Bare;

/// <summary>
/// Searches a SQLite table of (patient, resource type, JSON) rows through its index on
/// (patient, resource type) and writes the rows as a searchset Bundle: the least work a FHIR
/// search by patient can do.
/// </summary>
internal sealed class RawSearchReader(string? databasePath)
{
    private const string SelectBodies =
        "SELECT body FROM search_row WHERE patient = $patient AND resource_type = $type LIMIT $count";

    private static readonly byte[] BundleStart = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
    private static readonly byte[] EntryStart = Encoding.UTF8.GetBytes("{\"resource\":");
    private static readonly byte[] BundleEnd = Encoding.UTF8.GetBytes("]}");

    private readonly string? _connectionString = databasePath is null
        ? null
        : new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();

    /// <summary>Returns a Bundle of at most <paramref name="count"/> resources of the type that belong to the patient.</summary>
    /// <exception cref="InvalidOperationException">No search database was configured.</exception>
    public async Task<byte[]> SearchAsync(string type, string patient, int count, CancellationToken cancellationToken)
    {
        if (_connectionString is null)
            throw new InvalidOperationException("No search database is configured: start the probe with --Probe:SearchDatabase <path>.");

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectBodies;
        command.Parameters.AddWithValue("$patient", patient);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$count", count);

        using var bundle = new MemoryStream();
        bundle.Write(BundleStart);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var first = true;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!first)
                bundle.WriteByte((byte)',');

            bundle.Write(EntryStart);
            bundle.Write((byte[])reader[0]);
            bundle.WriteByte((byte)'}');
            first = false;
        }

        bundle.Write(BundleEnd);
        return bundle.ToArray();
    }
}
