using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Rest.Binaries;

/// <summary>
/// Writes the read or vread of a Binary: its decoded data with its own contentType, or the
/// FHIR resource when the request names a FHIR format (see <see cref="BinaryNegotiation"/>).
/// </summary>
internal static class NativeBinaryRead
{
    private const string FallbackMediaType = "application/octet-stream";

    // Types that a browser renders as a document able to run script: HTML, SVG and XML, which
    // can carry XHTML or an XSLT stylesheet. FhirSecurityHeaders already blocks their script,
    // and Content-Disposition: attachment makes a browser save them instead of opening them.
    private static readonly HashSet<string> ActiveMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/xsl",
    };

    /// <summary>
    /// Endpoint metadata of the routes that may return a Binary's content, whose
    /// <c>Accept</c> the error middleware must not check against the FHIR formats in advance.
    /// </summary>
    public static readonly object EndpointMarker = new();

    /// <summary>Returns whether the request is a read or vread of a Binary, which may get its content.</summary>
    public static bool MayServeContent(HttpContext context) =>
        context.GetEndpoint()?.Metadata.Contains(EndpointMarker) == true
        && context.Request.RouteValues["type"] as string == NativeBinaryBody.ResourceType;

    /// <summary>Writes the stored Binary with status 200, as content or as a resource.</summary>
    public static System.Threading.Tasks.Task WriteAsync(HttpContext context, StoredResource stored)
    {
        var binary = (Binary)FhirSerializer.ParseTrustedJson(stored.Json.Span);
        var contentType = ServedContentType(binary.ContentType);
        var format = BinaryNegotiation.Choose(context.Request, contentType.MediaType.ToString());
        if (format is { } resourceFormat)
            return FhirResponses.WriteStoredAsync(context, stored, HttpStatusCode.OK, resourceFormat);

        return WriteContentAsync(context, stored, binary, contentType);
    }

    private static System.Threading.Tasks.Task WriteContentAsync(
        HttpContext context,
        StoredResource stored,
        Binary binary,
        MediaTypeHeaderValue contentType)
    {
        var response = context.Response;
        FhirResponses.SetVersionHeaders(response, stored);
        if (IsActive(contentType))
            response.Headers.ContentDisposition = "attachment";
        if (binary.SecurityContext?.Reference is { Length: > 0 } securityContext)
            response.Headers[NativeBinaryBody.SecurityContextHeader] = securityContext;

        var data = binary.Data ?? [];
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType.ToString();
        response.ContentLength = data.Length;
        return response.Body.WriteAsync(data, context.RequestAborted).AsTask();
    }

    // A stored contentType that is missing or is no valid media type, which a Binary written
    // as a FHIR resource can have, is served as opaque bytes.
    private static MediaTypeHeaderValue ServedContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !parsed.MatchesAllSubTypes
            ? parsed
            : new MediaTypeHeaderValue(FallbackMediaType);

    private static bool IsActive(MediaTypeHeaderValue contentType) =>
        ActiveMediaTypes.Contains(contentType.MediaType.ToString())
        || contentType.Suffix.Equals("xml", StringComparison.OrdinalIgnoreCase);
}
