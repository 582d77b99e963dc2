using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Indexing;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>The multi-row index insert, which binds its values by position on SQLite's own statements.</summary>
public sealed class IndexInsertStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public IndexInsertStatementTests()
    {
        _connection.Open();
        using var schema = _connection.CreateCommand();
        schema.CommandText = IndexSchema.Tables;
        schema.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Flush_EmptyString_StoresEmptyText()
    {
        var statement = new IndexInsertStatement(_connection, "search_string", 5);

        statement.Add(1L, "Patient", "name", string.Empty, "x");
        statement.Flush();

        Assert.Equal("text:", Query("SELECT typeof(value_normalized) || ':' || value_normalized FROM search_string"));
    }

    [Fact]
    public void Flush_NullValue_StoresNull()
    {
        var statement = new IndexInsertStatement(_connection, "search_token", 8);

        statement.Add(1L, "Patient", "identifier", (string?)null, "code", (string?)null, (string?)null, (string?)null);
        statement.Flush();

        Assert.Equal("null", Query("SELECT typeof(system) FROM search_token"));
    }

    [Fact]
    public void Flush_Numbers_KeepTheirStorageClass()
    {
        var statement = new IndexInsertStatement(_connection, "search_date", 5);

        statement.Add(7L, "Patient", "birthdate", 1000L, 2000L);
        statement.Flush();

        Assert.Equal("integer 7 1000 2000", Query("SELECT typeof(low) || ' ' || resource_key || ' ' || low || ' ' || high FROM search_date"));
    }

    [Fact]
    public void Flush_NonAsciiText_RoundTrips()
    {
        var statement = new IndexInsertStatement(_connection, "search_string", 5);

        statement.Add(1L, "Patient", "name", "émile 中文 😀", "Émile 中文 😀");
        statement.Flush();

        Assert.Equal("Émile 中文 😀", Query("SELECT value_exact FROM search_string"));
    }

    [Fact]
    public void Flush_AfterFailedRow_InsertsNextRows()
    {
        var statement = new IndexInsertStatement(_connection, "search_string", 5);
        statement.Add(1L, "Patient", "name", (string?)null, "violates NOT NULL");

        Assert.Throws<SqliteException>(statement.Flush);

        statement.Add(2L, "Patient", "name", "next", "next");
        statement.Flush();
        Assert.Equal("2", Query("SELECT group_concat(resource_key) FROM search_string"));
    }

    [Fact]
    public void Flush_AfterConnectionReopened_PreparesAgain()
    {
        var statement = new IndexInsertStatement(_connection, "search_uri", 4);
        statement.Add(1L, "ValueSet", "url", "http://example.org/a");
        statement.Flush();

        _connection.Close();
        _connection.Open();
        using (var schema = _connection.CreateCommand())
        {
            schema.CommandText = IndexSchema.Tables;
            schema.ExecuteNonQuery();
        }

        statement.Add(2L, "ValueSet", "url", "http://example.org/b");
        statement.Flush();
        Assert.Equal("http://example.org/b", Query("SELECT value FROM search_uri"));
    }

    private string? Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
