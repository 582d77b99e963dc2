using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Rest.Binaries;

/// <summary>
/// Chooses between a Binary's own content and its FHIR representation on a read. FHIR R4
/// binary.html serves a Binary in its native form on the REST API, and in FHIR JSON or XML
/// only when the client specifically requests it.
/// </summary>
internal static class BinaryNegotiation
{
    // Parameters that only make sense on the FHIR representation.
    private static readonly string[] ResourceParameters = ["_format", "_summary", "_elements"];

    /// <summary>
    /// Returns the FHIR format of the response, or null for the content itself. <c>_format</c>,
    /// <c>_summary</c> and <c>_elements</c> request the resource. Otherwise the <c>Accept</c>
    /// range with the highest quality decides, and a FHIR media type wins a tie. No
    /// <c>Accept</c> header, <c>*/*</c> and a browser's default header get the content. Throws
    /// 406 when <c>Accept</c> allows neither.
    /// </summary>
    public static FhirFormat? Choose(HttpRequest request, string contentMediaType)
    {
        if (ResourceParameters.Any(name => request.Query.ContainsKey(name)))
            return ContentNegotiation.ResponseFormat(request);

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
            return null;

        var (resourceQuality, resourceFormat) = BestResourceRange(accept);
        var contentQuality = ContentQuality(accept, contentMediaType);
        if (resourceQuality <= 0 && contentQuality <= 0)
            throw NotAcceptable(request, contentMediaType);

        return resourceQuality >= contentQuality ? resourceFormat : null;
    }

    private static (double Quality, FhirFormat Format) BestResourceRange(IList<MediaTypeHeaderValue> accept)
    {
        var best = (Quality: 0.0, Format: FhirFormat.Json);
        foreach (var range in accept)
        {
            var quality = range.Quality ?? 1;
            var format = ContentNegotiation.BinaryResourceFormat(range.MediaType.ToString());
            if (format is not null && quality > best.Quality)
                best = (quality, format.Value);
        }

        return best;
    }

    // RFC 9110 section 12.5.1: the most specific range that matches a media type sets its
    // quality, so "application/pdf;q=0, */*" rejects a PDF.
    private static double ContentQuality(IList<MediaTypeHeaderValue> accept, string contentMediaType)
    {
        var slash = contentMediaType.IndexOf('/', StringComparison.Ordinal);
        var type = contentMediaType[..slash];
        var subtype = contentMediaType[(slash + 1)..];
        var bestSpecificity = -1;
        var quality = 0.0;
        foreach (var range in accept)
        {
            if (ContentNegotiation.BinaryResourceFormat(range.MediaType.ToString()) is not null)
                continue;

            var specificity = Specificity(range, type, subtype);
            if (specificity > bestSpecificity || specificity == bestSpecificity && (range.Quality ?? 1) > quality)
            {
                bestSpecificity = specificity;
                quality = range.Quality ?? 1;
            }
        }

        return bestSpecificity < 0 ? 0 : quality;
    }

    // 2 for type/subtype, 1 for type/*, 0 for */*, and -1 when the range does not match.
    private static int Specificity(MediaTypeHeaderValue range, string type, string subtype)
    {
        if (range.MatchesAllTypes)
            return 0;
        if (!range.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
            return -1;
        if (range.MatchesAllSubTypes)
            return 1;

        return range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }

    private static FhirOperationException NotAcceptable(HttpRequest request, string contentMediaType) =>
        new(
            HttpStatusCode.NotAcceptable,
            OperationOutcome.IssueType.NotSupported,
            $"None of the Accept media types '{request.Headers.Accept}' is available for this Binary. Its content "
            + $"is {contentMediaType}; accept that type or */* for the content, or {ContentNegotiation.JsonMediaType} "
            + $"or {ContentNegotiation.XmlMediaType} for the Binary resource.");
}
