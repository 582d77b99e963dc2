using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Operations;

namespace Sandbox.FhirStore.Rest.Binaries;

/// <summary>
/// Reads a create or update of a Binary whose body is the content itself, such as a PDF sent
/// as <c>application/pdf</c>, as FHIR R4 binary.html allows. The body becomes
/// <c>Binary.data</c> byte for byte, the <c>Content-Type</c> becomes <c>Binary.contentType</c>,
/// and <c>X-Security-Context</c> becomes <c>Binary.securityContext</c>.
/// </summary>
internal static class NativeBinaryBody
{
    public const string ResourceType = "Binary";
    public const string SecurityContextHeader = "X-Security-Context";

    /// <summary>
    /// Returns the Content-Type of a body that is a Binary's content, or null when the request
    /// does not write a Binary or its body is a FHIR resource. A missing or unparsable
    /// Content-Type is left to the FHIR parser, which reads the first as JSON and rejects the second.
    /// </summary>
    public static MediaTypeHeaderValue? ContentType(HttpRequest request, string resourceType)
    {
        if (resourceType != ResourceType || string.IsNullOrEmpty(request.ContentType))
            return null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            return null;

        return ContentNegotiation.BinaryResourceFormat(contentType.MediaType.ToString()) is null ? contentType : null;
    }

    /// <summary>
    /// Builds the Binary that the body carries. On <c>PUT [type]/[id]</c> the Binary takes the
    /// id from the URL, because an update needs a body with that id.
    /// </summary>
    public static async Task<Binary> ReadAsync(HttpContext context, MediaTypeHeaderValue contentType)
    {
        var securityContext = ReadSecurityContext(context.Request);
        var data = await FhirHttp.ReadRawBodyAsync(context);

        return new Binary
        {
            Id = context.Request.RouteValues["id"] as string,
            ContentType = contentType.ToString(),
            // FHIR forbids an empty string, so a zero-byte body is stored as a Binary without data.
            Data = data.Length == 0 ? null : data,
            SecurityContext = securityContext,
        };
    }

    private static ResourceReference? ReadSecurityContext(HttpRequest request)
    {
        var values = request.Headers[SecurityContextHeader];
        if (values.Count == 0)
            return null;

        var value = values.ToString();
        if (values.Count > 1 || !IsRelativeReference(value))
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"{SecurityContextHeader} '{value}' is not a valid reference; send one relative reference "
                + "of the form [type]/[id], such as Patient/123.",
                "Binary.securityContext");
        }

        return new ResourceReference(value);
    }

    private static bool IsRelativeReference(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 2 && ResourceTypes.IsKnown(parts[0]) && ResourceTypes.IsValidId(parts[1]);
    }
}
