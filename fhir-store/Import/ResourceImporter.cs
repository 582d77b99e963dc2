using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations.Bundles;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// Loads Bundles (transaction, batch, collection) and NDJSON files into the store, keeping
/// the ids that the data carries. A transaction Bundle commits whole or not at all; NDJSON
/// commits in batches of <see cref="FhirStoreOptions.ImportBatchSize"/> lines.
/// </summary>
public sealed partial class ResourceImporter(
    BundleProcessor processor,
    IOptions<FhirStoreOptions> options,
    ILogger<ResourceImporter> logger)
{
    private const int MaxMessages = 5;

    // Import writes outside any HTTP request, so response URLs need some base; none is returned.
    private static readonly Uri ImportBase = new("http://localhost/fhir");

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Lists the .json and .ndjson files in the given files and folders (recursively), in name order.</summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsImportable)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder.", path);
            }
        }

        return files;
    }

    /// <summary>Imports one file; the extension .ndjson selects NDJSON, anything else is one JSON resource or Bundle.</summary>
    public async Task<ImportFileResult> ImportFileAsync(
        string path,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var isNdjson = path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        return await ImportAsync(Path.GetFileName(path), stream, isNdjson, progress, cancellationToken);
    }

    /// <summary>
    /// Imports NDJSON or one JSON resource or Bundle from a stream. <paramref name="progress"/>
    /// receives the counts of each step once they are final, so their sums match the result
    /// even when the import is cancelled part way.
    /// </summary>
    public async Task<ImportFileResult> ImportAsync(
        string name,
        Stream content,
        bool isNdjson,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var tally = new Tally(progress);
        if (isNdjson)
            await ImportNdjsonAsync(content, tally, cancellationToken);
        else
            await ImportJsonAsync(content, tally, cancellationToken);

        Log.FileImported(logger, name, tally.Resources, tally.Errors);
        return new ImportFileResult(name, tally.Resources, tally.Errors, stopwatch.Elapsed, tally.Messages);
    }

    private async System.Threading.Tasks.Task ImportJsonAsync(
        Stream content,
        Tally tally,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);

        // Editors on Windows often save JSON with a UTF-8 byte order mark, which the JSON reader rejects.
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (json.Span.StartsWith(Utf8ByteOrderMark))
            json = json[Utf8ByteOrderMark.Length..];

        Resource resource;
        try
        {
            resource = FhirSerializer.ParseImportedJson(json.Span);
        }
        catch (FhirOperationException exception)
        {
            tally.Fail(1, exception.Message);
            return;
        }

        var bundle = resource as Bundle;
        var request = bundle is { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch }
            ? bundle
            : ImportBundles.ToTransaction(LooseEntries(bundle, resource));
        await ProcessAsync(request, tally, cancellationToken);
    }

    private async System.Threading.Tasks.Task ProcessAsync(
        Bundle bundle,
        Tally tally,
        CancellationToken cancellationToken)
    {
        // Each transaction is a point where a cancelled import stops, with nothing half-written.
        cancellationToken.ThrowIfCancellationRequested();
        var context = new BundleContext(FhirAccessGrant.Unrestricted, ImportBase, false, BundleMode.Import);
        try
        {
            var response = await processor.ProcessAsync(bundle, context, cancellationToken);
            var failed = response.Entry.Where(entry => entry.Response?.Outcome is not null).ToList();
            foreach (var entry in failed)
                tally.Fail(
                    1,
                    (entry.Response!.Outcome as OperationOutcome)?.Issue.FirstOrDefault()?.Diagnostics ?? "failed");

            tally.Store(response.Entry.Count - failed.Count);
        }
        catch (FhirOperationException exception)
        {
            tally.Fail(bundle.Entry.Count, exception.Message);
        }
    }

    private static IEnumerable<(string?, Resource)> LooseEntries(Bundle? bundle, Resource resource) =>
        bundle is null
            ? [(null, resource)]
            : bundle.Entry.Where(entry => entry.Resource is not null).Select(entry => (entry.FullUrl, entry.Resource!));

    private static bool IsImportable(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The counts and first messages of an import or of one part of it. A tally with a progress
    /// sink reports each change to it, so only the tally of final counts gets one.
    /// </summary>
    private sealed class Tally(IProgress<ImportProgress>? progress = null)
    {
        private readonly List<string> _messages = [];

        public int Resources { get; private set; }

        public int Errors { get; private set; }

        public IReadOnlyList<string> Messages => _messages;

        public void Store(int count)
        {
            Resources += count;
            progress?.Report(new ImportProgress(count, 0, []));
        }

        public void Fail(int count, string message)
        {
            Errors += count;
            if (_messages.Count < MaxMessages)
                _messages.Add(message);

            progress?.Report(new ImportProgress(0, count, [message]));
        }

        /// <summary>Adds another tally's counts and messages, each message with <paramref name="prefix"/>.</summary>
        public void Add(Tally other, string prefix)
        {
            Resources += other.Resources;
            Errors += other.Errors;
            var messages = other.Messages.Select(message => prefix + message).ToList();
            _messages.AddRange(messages.Take(MaxMessages - _messages.Count));
            progress?.Report(new ImportProgress(other.Resources, other.Errors, messages));
        }
    }
}
