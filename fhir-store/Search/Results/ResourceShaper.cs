using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Search.Parsing;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>
/// Reduces resources to the elements that <c>_summary</c> or <c>_elements</c> ask for, in
/// search results and on read and vread, which FHIR R4 allows to take both parameters.
/// </summary>
internal static class ResourceShaper
{
    private const string Subsetted = "SUBSETTED";
    private const string ObservationValueSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    // A client needs the logical id to tell which resource it read, and meta's versionId and
    // lastUpdated for If-Match and caching, whatever elements it asked for.
    private static readonly string[] AlwaysKept = ["id", "meta"];

    /// <summary>
    /// Parses the <c>_summary</c> and <c>_elements</c> of a read or vread, or returns null when
    /// the request has neither. Throws 400 for an invalid value and for <c>_summary=count</c>,
    /// which applies to search only. A name in <c>_elements</c> that is not an element of
    /// <paramref name="resourceType"/> is ignored, or rejected with 400 when <paramref name="isStrict"/>,
    /// because a read response has no Bundle to carry a warning.
    /// </summary>
    public static SearchResultOptions? ParseReadOptions(
        IEnumerable<KeyValuePair<string, string>> parameters,
        string resourceType,
        bool isStrict)
    {
        var shaping = parameters.Where(parameter => parameter.Key is "_summary" or "_elements").ToList();
        if (shaping.Count == 0)
            return null;

        var parsed = SearchQueryParser.Parse(shaping);
        if (parsed.Unsupported.FirstOrDefault() is { } invalid)
            throw Invalid(invalid.Reason, invalid.Name);
        if (parsed.Options.Summary == SummaryMode.Count)
            throw Invalid("_summary=count applies to search only, because a read returns one resource. Use true, text, data or false.", "_summary");

        var unknownElements = ElementNames.RemoveUnknown(parsed.Options, [resourceType]);
        if (isStrict && unknownElements.Count > 0)
            throw Invalid(unknownElements[0].Reason, "_elements");

        return parsed.Options;
    }

    /// <summary>Deserializes a stored body, reduced to the elements <c>_summary</c> or <c>_elements</c> ask for.</summary>
    /// <remarks>
    /// Stored bodies are parsed without validating primitive values, because an import stores
    /// values as the data carries them, and one invalid date must not fail the whole page.
    /// </remarks>
    public static Resource Shape(ReadOnlySpan<byte> body, SearchResultOptions options)
    {
        var resource = Formats.FhirSerializer.ParseTrustedJson(body);
        var filter = CreateFilter(options);
        if (filter is null)
            return resource;

        var writeOptions = new JsonSerializerOptions { MaxDepth = Formats.FhirSerializer.MaxDepth }.ForFhir(
            ModelInfo.ModelInspector,
            new FhirJsonConverterOptions { SummaryFilterFactory = filter });
        var reduced = Formats.FhirSerializer.ParseTrustedJson(JsonSerializer.SerializeToUtf8Bytes(resource, writeOptions));
        MarkSubsetted(reduced);
        return reduced;
    }

    // The Firely SDK 6.8 summary filters add SUBSETTED tags of their own, one of them under the
    // retired system http://hl7.org/fhir/v3/ObservationValue, so they are replaced by one tag.
    private static void MarkSubsetted(Resource reduced)
    {
        reduced.Meta ??= new Meta();
        reduced.Meta.Tag.RemoveAll(IsSubsettedTag);
        reduced.Meta.Tag.Add(new Coding(ObservationValueSystem, Subsetted));
    }

    private static bool IsSubsettedTag(Coding tag) =>
        tag.Code == Subsetted && tag.System?.EndsWith("ObservationValue", StringComparison.Ordinal) == true;

    private static Func<SerializationFilter>? CreateFilter(SearchResultOptions options) => options.Summary switch
    {
        SummaryMode.True => SerializationFilter.ForSummary,
        SummaryMode.Text => SerializationFilter.ForText,
        SummaryMode.Data => SerializationFilter.ForData,
        _ when options.Elements.Count > 0 => () => SerializationFilter.ForElements([.. options.Elements.Union(AlwaysKept)]),
        _ => null,
    };

    private static FhirOperationException Invalid(string message, string parameter) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message, parameter);
}
