using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Writes batch-response and transaction-response Bundles as compact FHIR JSON. An entry
/// resource that carries a <see cref="StoredBody"/> is copied from the stored bytes, and
/// every other part goes through the Firely serializer, so the content is what Firely
/// writes for the whole Bundle without serializing the written resources a second time.
/// </summary>
internal static class BundleResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,

        // The same escaping as FhirSerializer, so both paths write identical strings.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Checks whether the Bundle has only the elements this writer writes: id, type and
    /// entries with a full URL, a resource and a response. Any other Bundle needs the Firely path.
    /// </summary>
    public static bool CanWrite(Bundle bundle) =>
        bundle.Type is Bundle.BundleType.BatchResponse or Bundle.BundleType.TransactionResponse
        && bundle.Meta is null
        && bundle.ImplicitRules is null
        && bundle.Language is null
        && bundle.Identifier is null
        && bundle.Timestamp is null
        && bundle.Total is null
        && bundle.Link.Count == 0
        && bundle.Signature is null
        && bundle.Entry.All(IsPlainEntry);

    /// <summary>Writes the Bundle in the element order of FHIR R4, as Firely does.</summary>
    public static void Write(Bundle bundle, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        if (bundle.Id is not null)
            writer.WriteString("id", bundle.Id);

        writer.WriteString("type", bundle.Type!.GetLiteral());
        if (bundle.Entry.Count > 0)
        {
            writer.WriteStartArray("entry");
            foreach (var entry in bundle.Entry)
                WriteEntry(writer, entry);

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, Bundle.EntryComponent entry)
    {
        writer.WriteStartObject();
        if (entry.FullUrl is not null)
            writer.WriteString("fullUrl", entry.FullUrl);

        if (entry.Resource is not null)
        {
            writer.WritePropertyName("resource");
            if (entry.Resource.Annotation<StoredBody>() is { } stored)
                writer.WriteRawValue(stored.Json.Span, skipInputValidation: true);
            else
                FhirSerializer.WriteJson(entry.Resource, writer);
        }

        if (entry.Response is not null)
        {
            writer.WritePropertyName("response");
            FhirSerializer.WriteJson(entry.Response, writer);
        }

        writer.WriteEndObject();
    }

    private static bool IsPlainEntry(Bundle.EntryComponent entry) =>
        entry.ElementId is null
        && entry.Extension.Count == 0
        && entry.ModifierExtension.Count == 0
        && entry.Link.Count == 0
        && entry.Search is null
        && entry.Request is null;
}
