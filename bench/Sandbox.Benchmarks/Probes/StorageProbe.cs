using System.Diagnostics;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Data.Sqlite;
using Sandbox.Benchmarks.Data;

namespace Sandbox.Benchmarks.Probes;

/// <summary>
/// The ingest ceiling: on one thread, parse each Bundle with the Firely SDK, set each resource's
/// <c>meta</c>, serialize it to JSON and write it to SQLite, either all in one transaction or with
/// one commit per resource. It does no validation, no reference resolution and no search indexing.
/// The first Bundle is written once before the timed pass, so that the figure excludes JIT
/// compilation and the Firely SDK's one-time model set-up; the timed pass then rewrites it.
/// </summary>
internal static class StorageProbe
{
    private static readonly FhirJsonDeserializer Deserializer = new();
    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>Writes every entry of the Bundles in one transaction.</summary>
    public static IngestResult IngestInOneTransaction(string databasePath, IReadOnlyList<BundleFile> bundles) =>
        Ingest(databasePath, bundles, int.MaxValue, commitEach: false);

    /// <summary>Writes at most <paramref name="maxResources"/> entries, each in its own transaction.</summary>
    public static IngestResult IngestOneCommitEach(string databasePath, IReadOnlyList<BundleFile> bundles, int maxResources) =>
        Ingest(databasePath, bundles, maxResources, commitEach: true);

    private static IngestResult Ingest(string databasePath, IReadOnlyList<BundleFile> bundles, int maxResources, bool commitEach)
    {
        using var store = ProbeStore.Create(databasePath);
        Write(store, bundles.Take(1), maxResources, commitEach);

        var stopwatch = Stopwatch.StartNew();
        var written = Write(store, bundles, maxResources, commitEach);
        return new IngestResult(written, stopwatch.Elapsed);
    }

    private static int Write(ProbeStore store, IEnumerable<BundleFile> bundles, int maxResources, bool commitEach)
    {
        var written = 0;
        using var transaction = commitEach ? null : store.BeginTransaction();
        foreach (var resource in bundles.SelectMany(Parse).Take(maxResources))
        {
            var lastUpdated = TimeProvider.System.GetUtcNow();
            resource.Meta = new Meta { VersionId = "1", LastUpdated = lastUpdated };
            var body = Serializer.SerializeToBytes(resource);
            var key = new ResourceKey(resource.TypeName, resource.Id ?? throw new InvalidDataException($"A {resource.TypeName} entry has no id."));
            if (commitEach)
                WriteAndCommit(store, key, body, lastUpdated);
            else
                store.Write(key, body, lastUpdated.ToUnixTimeMilliseconds(), transaction!);

            written++;
        }

        transaction?.Commit();
        return written;
    }

    private static void WriteAndCommit(ProbeStore store, ResourceKey key, byte[] body, DateTimeOffset lastUpdated)
    {
        using SqliteTransaction transaction = store.BeginTransaction();
        store.Write(key, body, lastUpdated.ToUnixTimeMilliseconds(), transaction);
        transaction.Commit();
    }

    private static IEnumerable<Resource> Parse(BundleFile file)
    {
        var reader = new Utf8JsonReader(file.Json);
        if (!Deserializer.TryDeserializeResource(ref reader, out var resource, out var issues) || resource is not Bundle bundle)
        {
            var firstIssue = issues.FirstOrDefault()?.Message ?? "not a Bundle";
            throw new InvalidDataException($"The Firely SDK could not parse {file.Name}: {firstIssue}");
        }

        return bundle.Entry.Select(entry => entry.Resource).OfType<Resource>();
    }
}
