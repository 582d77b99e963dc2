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
/// compilation and the Firely SDK's one-time model set-up. The timed pass then rewrites it.
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
        Write(store, bundles.Take(1), maxResources, commitEach, new IngestBreakdown());

        var breakdown = new IngestBreakdown();
        var started = Stopwatch.GetTimestamp();
        var written = Write(store, bundles, maxResources, commitEach, breakdown);
        return new IngestResult(written, Stopwatch.GetElapsedTime(started), breakdown);
    }

    private static int Write(
        ProbeStore store,
        IEnumerable<BundleFile> bundles,
        int maxResources,
        bool commitEach,
        IngestBreakdown breakdown)
    {
        var written = 0;
        using var transaction = commitEach ? null : store.BeginTransaction();
        foreach (var bundle in bundles.TakeWhile(_ => written < maxResources))
        {
            var started = Stopwatch.GetTimestamp();
            var resources = Parse(bundle).Take(maxResources - written).ToList();
            breakdown.Parse += Stopwatch.GetElapsedTime(started);

            foreach (var resource in resources)
                WriteResource(store, resource, transaction, breakdown);

            written += resources.Count;
        }

        var commitStarted = Stopwatch.GetTimestamp();
        transaction?.Commit();
        breakdown.Write += Stopwatch.GetElapsedTime(commitStarted);
        return written;
    }

    /// <summary>Serializes the resource and writes it, in its own transaction when none is given.</summary>
    private static void WriteResource(ProbeStore store, Resource resource, SqliteTransaction? transaction, IngestBreakdown breakdown)
    {
        var started = Stopwatch.GetTimestamp();
        var lastUpdated = TimeProvider.System.GetUtcNow();
        resource.Meta = new Meta { VersionId = "1", LastUpdated = lastUpdated };
        var body = Serializer.SerializeToBytes(resource);
        var key = new ResourceKey(resource.TypeName, resource.Id ?? throw new InvalidDataException($"A {resource.TypeName} entry has no id."));
        var serialized = Stopwatch.GetTimestamp();
        breakdown.Serialize += Stopwatch.GetElapsedTime(started, serialized);

        using var ownTransaction = transaction is null ? store.BeginTransaction() : null;
        store.Write(key, body, lastUpdated.ToUnixTimeMilliseconds(), transaction ?? ownTransaction!);
        ownTransaction?.Commit();
        breakdown.Write += Stopwatch.GetElapsedTime(serialized);
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
