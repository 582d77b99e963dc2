using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sandbox.SeedData.Tests;

/// <summary>Reads every row of every table of a store file as text, in a stable order.</summary>
internal static class StoreRows
{
    /// <summary>Returns "table: value|value|…" lines, blobs in hexadecimal, sorted.</summary>
    public static async Task<List<string>> ReadAllAsync(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var rows = new List<string>();
        foreach (var table in await ReadTablesAsync(connection))
            rows.AddRange(await ReadTableAsync(connection, table));

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task<List<string>> ReadTablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));

        return tables;
    }

    private static async Task<List<string>> ReadTableAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount).Select(index => Format(reader.GetValue(index)));
            rows.Add($"{table}: {string.Join('|', values)}");
        }

        return rows;
    }

    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
