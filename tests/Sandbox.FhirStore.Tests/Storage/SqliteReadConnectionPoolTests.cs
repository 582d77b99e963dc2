using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>Read connections that stay open and keep their prepared commands between uses.</summary>
public sealed class SqliteReadConnectionPoolTests : IDisposable
{
    private readonly DataFolder _folder = new(Options.Create(new DataFolderOptions { Ephemeral = true }));
    private readonly SqliteReadConnectionPool _pool;

    public SqliteReadConnectionPoolTests()
    {
        var catalog = SearchParameterCatalog.Default;
        var index = new SqliteSearchIndex(catalog, new ResourceIndexer(catalog), TimeProvider.System);
        _pool = new SqliteReadConnectionPool(new SqliteDatabase(_folder, index));
    }

    public void Dispose()
    {
        _pool.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Rent_AfterReturn_LendsSameOpenConnection()
    {
        SqliteConnection first;
        await using (var rented = await _pool.RentAsync(CancellationToken.None))
            first = rented.Connection;

        await using var again = await _pool.RentAsync(CancellationToken.None);

        Assert.Same(first, again.Connection);
        Assert.Equal(ConnectionState.Open, again.Connection.State);
    }

    [Fact]
    public async Task Lease_SameSqlTwice_ReusesCommand()
    {
        await using var rented = await _pool.RentAsync(CancellationToken.None);

        var first = await RunAsync(rented.Connection, null, 1);
        var second = await RunAsync(rented.Connection, null, 2);

        Assert.Same(first.Command, second.Command);
    }

    [Fact]
    public async Task Lease_SameSqlTwice_BindsNewValue()
    {
        await using var rented = await _pool.RentAsync(CancellationToken.None);
        await RunAsync(rented.Connection, null, 1);

        var second = await RunAsync(rented.Connection, null, 2);

        Assert.Equal(2L, second.Value);
    }

    [Fact]
    public async Task Lease_InTransaction_CreatesNewCommand()
    {
        await using var rented = await _pool.RentAsync(CancellationToken.None);
        var pooled = await RunAsync(rented.Connection, null, 1);
        await using var transaction = (SqliteTransaction)await rented.Connection.BeginTransactionAsync();

        var inTransaction = await RunAsync(rented.Connection, transaction, 2);

        Assert.NotSame(pooled.Command, inTransaction.Command);
    }

    [Fact]
    public async Task Lease_OtherConnection_CreatesNewCommands()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        var first = await RunAsync(connection, null, 1);
        var second = await RunAsync(connection, null, 2);

        Assert.NotSame(first.Command, second.Command);
    }

    [Fact]
    public async Task GetCommand_BeyondLimit_DropsLeastRecentlyUsed()
    {
        await using var rented = await _pool.RentAsync(CancellationToken.None);
        var oldest = rented.GetCommand("SELECT 0");
        for (var i = 1; i <= PooledReadConnection.MaxCommands; i++)
            rented.GetCommand($"SELECT {i}");

        var again = rented.GetCommand("SELECT 0");

        Assert.NotSame(oldest, again);
    }

    [Fact]
    public async Task GetCommand_RecentlyUsed_IsKeptPastLimit()
    {
        await using var rented = await _pool.RentAsync(CancellationToken.None);
        var first = rented.GetCommand("SELECT 0");
        for (var i = 1; i <= PooledReadConnection.MaxCommands; i++)
        {
            rented.GetCommand("SELECT 0");
            rented.GetCommand($"SELECT {i}");
        }

        var again = rented.GetCommand("SELECT 0");

        Assert.Same(first, again);
    }

    [Fact]
    public async Task Dispose_IdleConnection_IsClosed()
    {
        SqliteConnection connection;
        await using (var rented = await _pool.RentAsync(CancellationToken.None))
            connection = rented.Connection;

        _pool.Dispose();

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Return_AfterPoolDisposed_ClosesConnection()
    {
        var rented = await _pool.RentAsync(CancellationToken.None);
        _pool.Dispose();

        await rented.DisposeAsync();

        Assert.Equal(ConnectionState.Closed, rented.Connection.State);
    }

    private static async Task<(SqliteCommand Command, long Value)> RunAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        long value)
    {
        using var lease = SqliteCommandLease.Create(connection, transaction, "SELECT $value");
        lease.Command.Parameters.AddWithValue("$value", value);
        var result = (long)(await lease.Command.ExecuteScalarAsync())!;
        return (lease.Command, result);
    }
}
