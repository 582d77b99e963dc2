using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Search.Indexing;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>The creation of snapshot files.</summary>
public sealed partial class SqliteStoreSnapshot
{
    /// <summary>
    /// Runs <paramref name="write"/> in one unit of work on a new store in a throwaway folder,
    /// with the clock frozen, and saves the result as a compact SQLite file at
    /// <paramref name="path"/>, replacing any file there. The file's <c>user_version</c> is the
    /// number of resources, which a restore checks.
    /// </summary>
    /// <returns>The number of resources in the snapshot.</returns>
    /// <exception cref="InvalidOperationException">A stored body does not contain its <c>meta.lastUpdated</c> exactly once.</exception>
    public static async Task<int> CreateAsync(
        string path,
        Func<IStoreTransaction, CancellationToken, Task<int>> write,
        CancellationToken cancellationToken)
    {
        await using var services = CreateServices();
        return await CreateAsync(services, path, write, cancellationToken);
    }

    /// <summary>
    /// Writes the resources that <paramref name="generate"/> returns as first versions, as
    /// <see cref="IStoreTransaction.SaveAsync"/> would write each in turn, into a snapshot file
    /// like the other overload. The rows are the same, but the search parameters are compiled
    /// while <paramref name="generate"/> runs, and the resources are serialized and indexed on
    /// every core.
    /// </summary>
    /// <returns>The number of resources in the snapshot.</returns>
    /// <exception cref="InvalidOperationException">
    /// Two resources have the same type and id, one has no id, or a stored body does not contain
    /// its <c>meta.lastUpdated</c> exactly once.
    /// </exception>
    public static async Task<int> CreateAsync(
        string path,
        Func<IReadOnlyList<Resource>> generate,
        CancellationToken cancellationToken)
    {
        await using var services = CreateServices();
        var index = services.GetRequiredService<SqliteSearchIndex>();
        // The warm-up gets its own thread. The serialization's Parallel.For takes every
        // thread-pool thread, so a pool task queued here would start after the serialization ends.
        var warmUp = System.Threading.Tasks.Task.Factory.StartNew(
            index.WarmUp, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var resources = generate();

        return await CreateAsync(
            services,
            path,
            (transaction, token) => ((SqliteStoreTransaction)transaction).SaveAllNewAsync(resources, warmUp, token),
            cancellationToken);
    }

    private static ServiceProvider CreateServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sandbox:Ephemeral"] = "true" })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FrozenClock(SnapshotInstant))
            .AddFhirStore(configuration)
            .BuildServiceProvider();
    }

    private static async Task<int> CreateAsync(
        ServiceProvider services,
        string path,
        Func<IStoreTransaction, CancellationToken, Task<int>> write,
        CancellationToken cancellationToken)
    {
        var count = await services.GetRequiredService<IResourceStore>().ExecuteAsync(write, cancellationToken);
        await using var connection = await services.GetRequiredService<SqliteDatabase>().OpenConnectionAsync(cancellationToken);
        await CheckStampsAsync(connection, cancellationToken);

        // VACUUM INTO writes a compact copy as one file, and the rename makes it appear complete or not at all.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", temporary);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteConnection.ClearPool(connection);
        await RecordCountAsync(temporary, count, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return count;
    }

    private static async Task RecordCountAsync(string path, int count, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // PRAGMA takes no parameters, and the count is an integer the store produced.
        await ExecuteAsync(connection, null, $"PRAGMA user_version = {count}", cancellationToken);
    }

    private static async Task CheckStampsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var stamp = SerializeInstant(SnapshotInstant);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM resource WHERE body IS NOT NULL UNION ALL SELECT body FROM resource_version WHERE body IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var body = Encoding.UTF8.GetString((byte[])reader[0]);
            var first = body.IndexOf(stamp, StringComparison.Ordinal);
            if (first < 0 || body.IndexOf(stamp, first + 1, StringComparison.Ordinal) >= 0)
                throw new InvalidOperationException($"A stored body does not contain the snapshot's lastUpdated '{stamp}' exactly once, so a restore could not restamp it.");
        }
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
