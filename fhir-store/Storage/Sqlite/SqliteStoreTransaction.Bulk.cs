using System.Threading.Channels;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Indexing;
using Meta = Hl7.Fhir.Model.Meta;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>The bulk write of many new resources, which a seed snapshot uses.</summary>
internal sealed partial class SqliteStoreTransaction
{
    // The page cache of a bulk write, in KiB (64 MiB). The default cache of 2 MiB is far
    // smaller than the 11 MB that the seed population's rows and indexes take, so SQLite wrote
    // pages out and read them back while inserting. In the seed snapshot's creation this cut
    // the CPU time of the inserts from about 450-630 ms to 220-290 ms (2-core machine at a
    // load average of 20 to 25, one run each). SQLite allocates the cache as pages are used.
    private const long BulkCacheSize = -65536;

    /// <summary>
    /// Stores every resource as its first version, with the same rows, bodies and index
    /// entries that <see cref="SaveAsync(Resource, CancellationToken)"/> would write for each in
    /// turn into a store that contains none of them. Serialization runs on every core. Then
    /// another thread extracts the index entries while this one inserts the rows in list order.
    /// Extraction starts when <paramref name="indexWarmUp"/> has completed, so that a caller
    /// can compile the search parameters on one thread while the resources are serialized on
    /// the others.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A resource has no id, two resources have the same type and id, or the store's search
    /// index is not the SQLite one. Nothing was written.
    /// </exception>
    public async Task<int> SaveAllNewAsync(
        IReadOnlyList<Resource> resources,
        System.Threading.Tasks.Task indexWarmUp,
        CancellationToken cancellationToken)
    {
        if (searchIndex is not SqliteSearchIndex index)
            throw new InvalidOperationException("A bulk write needs the SQLite search index.");

        CheckIdsUnique(resources);
        var lastUpdated = Now();
        foreach (var resource in resources)
        {
            resource.Meta ??= new Meta();
            resource.Meta.VersionId = "1";
            resource.Meta.LastUpdated = lastUpdated;
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken };
        var bodies = new byte[resources.Count][];
        Parallel.For(0, resources.Count, options, i => bodies[i] = FhirSerializer.ToJsonBytes(resources[i]));

        // One thread extracts the index entries in list order while this one inserts the
        // resource and version rows and then each resource's index rows as its entries arrive.
        // Each table therefore receives its rows in list order, as a write one by one gives.
        var entries = Channel.CreateUnbounded<IndexEntries>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // The extraction gets its own thread, so that it does not wait for a thread-pool thread
        // while the pool is busy.
        var extraction = System.Threading.Tasks.Task.Factory.StartNew(
            () => ExtractAll(index, resources, indexWarmUp, entries.Writer, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var cacheSize = await SetCacheSizeAsync(BulkCacheSize, cancellationToken);
        try
        {
            var keys = await InsertResourcesAsync(resources, bodies, lastUpdated, cancellationToken);
            for (var i = 0; i < resources.Count; i++)
            {
                var resourceEntries = await entries.Reader.ReadAsync(cancellationToken);
                SqliteSearchIndex.InsertNew(transaction, keys[i], resources[i].TypeName, resourceEntries);
            }
        }
        finally
        {
            // A failed insert must not leave the extraction running over the resources.
            await extraction.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await SetCacheSizeAsync(cacheSize, CancellationToken.None);
        }

        return resources.Count;
    }

    // Completes the channel with the exception when extraction fails, so that the reader
    // stops waiting and raises it.
    private static void ExtractAll(
        SqliteSearchIndex index,
        IReadOnlyList<Resource> resources,
        System.Threading.Tasks.Task indexWarmUp,
        ChannelWriter<IndexEntries> entries,
        CancellationToken cancellationToken)
    {
        try
        {
            indexWarmUp.GetAwaiter().GetResult();
            foreach (var resource in resources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entries.TryWrite(index.Extract(resource));
            }

            entries.Complete();
        }
        catch (Exception exception)
        {
            entries.Complete(exception);
            throw;
        }
    }

    private async Task<long[]> InsertResourcesAsync(
        IReadOnlyList<Resource> resources,
        byte[][] bodies,
        DateTimeOffset lastUpdated,
        CancellationToken cancellationToken)
    {
        var keys = new long[resources.Count];
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            keys[i] = await WriteVersionAsync(resource.TypeName, resource.Id!, 1, lastUpdated, bodies[i], "PUT", cancellationToken);
            var stored = new StoredResource(resource.TypeName, resource.Id!, 1, lastUpdated, false, bodies[i]) { Method = "PUT" };
            _currentRows[(resource.TypeName, resource.Id!)] = new CurrentRow(keys[i], stored);
        }

        return keys;
    }

    // Sets the connection's page cache size (PRAGMA cache_size: negative values are KiB) and
    // returns the previous value.
    private async Task<long> SetCacheSizeAsync(long size, CancellationToken cancellationToken)
    {
        await using var read = Prepare("PRAGMA cache_size");
        var previous = (long)(await read.ExecuteScalarAsync(cancellationToken))!;

        // PRAGMA takes no parameters, and the size is a number this class chose or read.
        await using var write = Prepare($"PRAGMA cache_size = {size}");
        await write.ExecuteNonQueryAsync(cancellationToken);
        return previous;
    }

    // The resource row's upsert would turn a second resource with the same id into an
    // overwrite without a version row, so duplicates are rejected before anything is written.
    private void CheckIdsUnique(IReadOnlyList<Resource> resources)
    {
        var seen = new HashSet<(string ResourceType, string Id)>(resources.Count);
        foreach (var resource in resources)
        {
            var id = resource.Id ?? throw new InvalidOperationException($"A {resource.TypeName} to write has no id.");
            if (!seen.Add((resource.TypeName, id)) || _currentRows.ContainsKey((resource.TypeName, id)))
                throw new InvalidOperationException($"{resource.TypeName}/{id} appears twice in one bulk write, or the unit has written it already.");
        }
    }
}
