using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Export;

/// <summary>
/// Writes the current version of every resource in the store to a stream, as stored, without
/// parsing it. The resources are read from one snapshot and written as they are read, so an
/// export of any size needs only a buffer of about 64 KiB, not the whole store, in memory.
/// </summary>
public sealed class StoreExporter(IResourceStore store, TimeProvider timeProvider, ILogger<StoreExporter> logger)
{
    // Utf8JsonWriter buffers until flushed, so the Bundle is flushed to the output at this size.
    private const int FlushThresholdBytes = 64 * 1024;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes the export in <paramref name="format"/> and returns the number of resources written.</summary>
    /// <param name="format">The shape of the export.</param>
    /// <param name="output">The stream written to; it is left open.</param>
    /// <param name="fhirBase">The FHIR base URL, used for the Bundle entries' <c>fullUrl</c>.</param>
    /// <param name="cancellationToken">Stops the export between resources.</param>
    public async Task<int> WriteAsync(ExportFormat format, Stream output, string fhirBase, CancellationToken cancellationToken)
    {
        var count = format == ExportFormat.Ndjson
            ? await WriteNdjsonArchiveAsync(output, cancellationToken)
            : await WriteBundleAsync(output, fhirBase.TrimEnd('/'), cancellationToken);
        Log.StoreExported(logger, count, format.ToString());
        return count;
    }

    // DeflateStream in .NET 10.0 flushes synchronously when a zip entry closes, even through
    // DisposeAsync, and Kestrel's response body rejects synchronous writes. So the archive is
    // written into a pipe on a thread of its own, and this method copies the pipe to the output
    // asynchronously. The pipe's back-pressure keeps the buffered part small.
    private async Task<int> WriteNdjsonArchiveAsync(Stream output, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        var writing = Task.Run(() => WriteArchiveAsync(pipe.Writer, cancellationToken), cancellationToken);
        try
        {
            await pipe.Reader.CopyToAsync(output, cancellationToken);
            await pipe.Reader.CompleteAsync();
        }
        catch (Exception exception)
        {
            await pipe.Reader.CompleteAsync(exception);
            throw;
        }

        return await writing;
    }

    private async Task<int> WriteArchiveAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            using (var archive = new ZipArchive(writer.AsStream(leaveOpen: true), ZipArchiveMode.Create, leaveOpen: false))
                count = await WriteEntriesAsync(archive, cancellationToken);

            await writer.CompleteAsync();
            return count;
        }
        catch (Exception exception)
        {
            await writer.CompleteAsync(exception);
            throw;
        }
    }

    private async Task<int> WriteEntriesAsync(ZipArchive archive, CancellationToken cancellationToken)
    {
        Stream? file = null;
        string? fileType = null;
        var count = 0;
        try
        {
            await foreach (var resource in store.ReadAllCurrentAsync(cancellationToken))
            {
                if (resource.ResourceType != fileType)
                {
                    file?.Dispose();
                    file = archive.CreateEntry($"{resource.ResourceType}.ndjson", CompressionLevel.Fastest).Open();
                    fileType = resource.ResourceType;
                }

                // Stored bodies are compact JSON, whose line breaks inside strings are escaped,
                // so each resource is one line as NDJSON requires.
                file!.Write(resource.Json.Span);
                file.Write(NewLine);
                count++;
            }
        }
        finally
        {
            file?.Dispose();
        }

        return count;
    }

    private async Task<int> WriteBundleAsync(Stream output, string fhirBase, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("type", "transaction");
        writer.WriteString("timestamp", FormatInstant(timeProvider.GetUtcNow()));
        writer.WriteStartArray("entry");
        var count = 0;
        await foreach (var resource in store.ReadAllCurrentAsync(cancellationToken))
        {
            WriteEntry(writer, resource, fhirBase);
            count++;
            if (writer.BytesPending > FlushThresholdBytes)
                await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteEntry(Utf8JsonWriter writer, StoredResource resource, string fhirBase)
    {
        var url = $"{resource.ResourceType}/{resource.Id}";
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"{fhirBase}/{url}");
        writer.WritePropertyName("resource");
        writer.WriteRawValue(resource.Json.Span, skipInputValidation: true);
        writer.WriteStartObject("request");
        writer.WriteString("method", "PUT");
        writer.WriteString("url", url);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string FormatInstant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
