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

    // Request destinations (the Fetch standard's Sec-Fetch-Dest) under which a browser would run
    // the content on the sandbox's origin: as a script, a worker, a style sheet or an XSLT
    // stylesheet. nosniff stops none of them when the contentType matches, such as
    // text/javascript for a script.
    private static readonly HashSet<string> ExecutingDestinations = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "worker", "sharedworker", "serviceworker", "audioworklet", "paintworklet", "style", "xslt",
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

        RejectExecutingDestination(context.Request);
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
        SetContentSecurityHeaders(response, contentType);
        if (binary.SecurityContext?.Reference is { Length: > 0 } securityContext)
            response.Headers[NativeBinaryBody.SecurityContextHeader] = securityContext;

        var data = binary.Data ?? [];
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType.ToString();
        response.ContentLength = data.Length;
        return response.Body.WriteAsync(data, context.RequestAborted).AsTask();
    }

    // Any token holder with Binary create can store HTML or script, and the content is served
    // from the origin of the EHR's cookies. Only types that a browser shows without running
    // script open inline. Every other type is an attachment, which a browser saves instead of
    // opening. The sandbox policy gives a document that opens anyway an opaque origin.
    private static void SetContentSecurityHeaders(HttpResponse response, MediaTypeHeaderValue contentType)
    {
        if (!IsPassive(contentType))
            response.Headers.ContentDisposition = "attachment";

        // NOTE: Safari shows a blank page for a PDF under a sandbox policy, and Chromium blocks
        // its PDF viewer in sandboxed frames, so a PDF gets the policy of every FHIR response.
        // Chromium runs a PDF's script in its viewer, away from the sandbox's origin.
        response.Headers.ContentSecurityPolicy = IsPdf(contentType)
            ? FhirSecurityHeaders.ContentSecurityPolicy
            : FhirSecurityHeaders.SandboxedContentSecurityPolicy;
    }

    // Current browsers send Sec-Fetch-Dest to HTTPS and loopback origins, so a page there that
    // loads the content with <script src> or new Worker() is stopped. Clients that read the bytes
    // (fetch, XMLHttpRequest, FHIR libraries) send "empty" or no header at all.
    // NOTE: over plain HTTP on a non-loopback host a browser sends no Sec-Fetch-Dest, so there a
    // script load of a JavaScript Binary is not rejected.
    private static void RejectExecutingDestination(HttpRequest request)
    {
        var destination = request.Headers["Sec-Fetch-Dest"].ToString();
        if (!ExecutingDestinations.Contains(destination))
            return;

        throw new FhirOperationException(
            HttpStatusCode.Forbidden,
            OperationOutcome.IssueType.Security,
            $"A Binary's content is not served to a request with Sec-Fetch-Dest '{destination}', because the "
            + "browser would run it on the sandbox's origin. Read it with fetch or XMLHttpRequest instead.");
    }

    // A stored contentType that is missing or is no valid media type, which a Binary written
    // as a FHIR resource can have, is served as opaque bytes.
    private static MediaTypeHeaderValue ServedContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !parsed.MatchesAllSubTypes
            ? parsed
            : new MediaTypeHeaderValue(FallbackMediaType);

    // Images other than SVG, audio, video, plain text and PDF: a browser renders them itself and
    // runs no script of the file on the page's origin.
    private static bool IsPassive(MediaTypeHeaderValue contentType)
    {
        var type = contentType.Type.ToString();
        if (type.Equals("audio", StringComparison.OrdinalIgnoreCase)
            || type.Equals("video", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (type.Equals("image", StringComparison.OrdinalIgnoreCase))
            return !contentType.SubTypeWithoutSuffix.Equals("svg", StringComparison.OrdinalIgnoreCase)
                && !contentType.Suffix.Equals("xml", StringComparison.OrdinalIgnoreCase);

        return IsPdf(contentType) || contentType.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPdf(MediaTypeHeaderValue contentType) =>
        contentType.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);
}
