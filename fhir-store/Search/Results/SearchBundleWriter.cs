using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>
/// Writes a searchset Bundle as compact FHIR JSON, copying each stored resource body into
/// its entry as it is. The output has the same content as <see cref="SearchBundleFactory"/>'s
/// Bundle serialized by the Firely SDK, without parsing the bodies.
/// </summary>
internal static class SearchBundleWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,

        // The same escaping as FhirSerializer, so both paths write identical strings.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Whether the page can be written from stored bodies: <c>_summary</c> and
    /// <c>_elements</c> reduce the resources, so those pages need the Firely path.
    /// </summary>
    public static bool CanWrite(SearchPage page) =>
        page.Options.Summary == SummaryMode.False && page.Options.Elements.Count == 0;

    /// <summary>Writes the Bundle in the element order of FHIR R4, as Firely does.</summary>
    public static void Write(SearchPage page, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("id", Guid.NewGuid().ToString("n"));
        writer.WriteString("type", "searchset");
        if (page.Options.Total != TotalMode.None)
            writer.WriteNumber("total", page.Total);

        WriteLinks(writer, page.Links);
        if (page.Matches.Count + page.Included.Count > 0 || page.Issues.Count > 0)
        {
            writer.WriteStartArray("entry");
            WriteEntries(writer, page.BaseUrl, page.Matches, "match");
            WriteEntries(writer, page.BaseUrl, page.Included, "include");
            if (page.Issues.Count > 0)
                WriteOutcome(writer, page.Issues);

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter writer, IReadOnlyList<(string Relation, string Url)> links)
    {
        if (links.Count == 0)
            return;

        writer.WriteStartArray("link");
        foreach (var (relation, url) in links)
        {
            writer.WriteStartObject();
            writer.WriteString("relation", relation);
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEntries(Utf8JsonWriter writer, string baseUrl, IReadOnlyList<ResourceRow> rows, string mode)
    {
        // Each fullUrl is written from a stack buffer, so a page allocates no string for it.
        Span<char> fullUrl = stackalloc char[256];
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            if (fullUrl.TryWrite($"{baseUrl}/{row.Type}/{row.Id}", out var length))
                writer.WriteString("fullUrl", fullUrl[..length]);
            else
                writer.WriteString("fullUrl", $"{baseUrl}/{row.Type}/{row.Id}");

            // Stored bodies are compact FHIR JSON that the store wrote itself.
            writer.WritePropertyName("resource");
            writer.WriteRawValue(row.Body, skipInputValidation: true);
            WriteSearchMode(writer, mode);
            writer.WriteEndObject();
        }
    }

    private static void WriteOutcome(Utf8JsonWriter writer, IReadOnlyList<UnsupportedParameter> issues)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("resource");
        writer.WriteRawValue(FhirSerializer.ToJsonBytes(SearchBundleFactory.CreateOutcome(issues)), skipInputValidation: true);
        WriteSearchMode(writer, "outcome");
        writer.WriteEndObject();
    }

    private static void WriteSearchMode(Utf8JsonWriter writer, string mode)
    {
        writer.WriteStartObject("search");
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
    }
}
