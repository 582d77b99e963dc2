using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.Load;

/// <summary>
/// Posts transaction Bundles one after another to a FHIR base URL and times the whole import.
/// The first Bundle is posted once before the timed pass, as the storage probe writes it once,
/// so that neither figure includes the one-time warm-up of a fresh process.
/// </summary>
internal static class TransactionImporter
{
    private const int BodyExcerptLength = 300;

    /// <exception cref="ServerUnavailableException">A transaction did not return 200.</exception>
    public static async Task<IngestResult> ImportAsync(
        Uri fhirBase,
        IReadOnlyList<BundleFile> bundles,
        CancellationToken cancellationToken)
    {
        if (!fhirBase.IsLoopback)
            throw new ArgumentException($"Imports go only to loopback addresses, not to {fhirBase}.", nameof(fhirBase));

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(5) };
        foreach (var bundle in bundles.Take(1))
            await PostAsync(client, fhirBase, bundle, cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        foreach (var bundle in bundles)
            await PostAsync(client, fhirBase, bundle, cancellationToken);

        return new IngestResult(bundles.Sum(bundle => bundle.Entries.Count), stopwatch.Elapsed);
    }

    private static async Task PostAsync(HttpClient client, Uri fhirBase, BundleFile bundle, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(bundle.Json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using var response = await client.PostAsync(fhirBase, content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var excerpt = body.Length > BodyExcerptLength ? body[..BodyExcerptLength] + "..." : body;
        throw new ServerUnavailableException(
            $"POST {fhirBase.AbsolutePath} with the transaction {bundle.Name} returned {(int)response.StatusCode} {response.StatusCode}: {excerpt}");
    }
}
