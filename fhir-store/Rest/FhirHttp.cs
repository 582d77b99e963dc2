using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Operations.Bundles;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Rest.Binaries;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Rest;

/// <summary>Reads what FHIR requests carry: route values, the grant, the base URL and the body.</summary>
internal static class FhirHttp
{
    /// <summary>The grant that the authorization module attached, or unrestricted when there is none.</summary>
    public static FhirAccessGrant Grant(HttpContext context) =>
        context.Features.Get<IFhirAccessFeature>()?.Grant ?? FhirAccessGrant.Unrestricted;

    /// <summary>The version id that <c>If-Match</c> names, as sent, or null when the header is absent.</summary>
    public static string? IfMatch(HttpContext context) =>
        BundleResponses.ParseVersion(context.Request.Headers.IfMatch.ToString());

    /// <summary>The public FHIR base URL of this request, without a trailing slash.</summary>
    public static Uri BaseUrl(HttpContext context)
    {
        var request = context.Request;
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{FhirStoreExtensions.FhirBasePath}");
    }

    /// <summary>The resource type route value, checked to be a concrete R4 type (404 otherwise).</summary>
    public static string ResourceType(HttpContext context, string name = "type")
    {
        var value = (string)context.Request.RouteValues[name]!;
        ResourceTypes.EnsureKnown(value);
        return value;
    }

    /// <summary>The id route value, checked against the FHIR id rule (400 otherwise).</summary>
    public static string Id(HttpContext context)
    {
        var value = (string)context.Request.RouteValues["id"]!;
        ResourceTypes.EnsureValidId(value);
        return value;
    }

    public static bool IsPretty(HttpRequest request) =>
        string.Equals(request.Query["_pretty"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query string as ordered pairs, without the parameters that only shape the response.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SearchParameters(string? query) =>
        QueryParameters.Parse(query)
            .Where(parameter => parameter.Key is not ("_format" or "_pretty"))
            .ToList();

    /// <summary>
    /// Parses the request body as a resource in the format its Content-Type names. A body sent
    /// to <paramref name="resourceType"/> Binary in any other media type becomes a Binary that
    /// carries it as data.
    /// </summary>
    public static async Task<Resource> ReadResourceAsync(HttpContext context, string resourceType)
    {
        if (NativeBinaryBody.ContentType(context.Request, resourceType) is { } contentType)
            return await NativeBinaryBody.ReadAsync(context, contentType);

        var format = ContentNegotiation.RequestFormat(context.Request);
        return FhirSerializer.Parse(await ReadRequiredBodyAsync(context), format);
    }

    /// <summary>
    /// Parses the body posted to the base URL with <see cref="FhirSerializer.ParseBundle"/>, which
    /// returns each invalid entry of a batch apart instead of rejecting the body.
    /// </summary>
    public static async Task<ParsedBody> ReadBundleAsync(HttpContext context)
    {
        var format = ContentNegotiation.RequestFormat(context.Request);
        return FhirSerializer.ParseBundle(await ReadRequiredBodyAsync(context), format);
    }

    private static async Task<byte[]> ReadRequiredBodyAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body.Length == 0)
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Required,
                "The request has no body; send a resource.");

        return body;
    }

    /// <summary>
    /// Reads the whole body without a leading UTF-8 byte order mark; throws 413 when it is
    /// larger than the configured limit.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context) =>
        WithoutByteOrderMark(await ReadRawBodyAsync(context));

    /// <summary>
    /// Reads the whole body byte for byte, decoded when it has a <c>Content-Encoding</c>. Throws
    /// 413 when the body, sent or decoded, is larger than the configured limit, and 415 or 400
    /// for a coding that <see cref="RequestContentCoding"/> cannot decode.
    /// </summary>
    public static async Task<byte[]> ReadRawBodyAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<FhirStoreOptions>>().Value.MaxRequestBodySize;
        var codings = RequestContentCoding.Codings(context);
        var body = await ReadSentBodyAsync(context, limit);
        return codings.Count == 0 ? body : RequestContentCoding.Decode(body, codings, limit, () => TooLarge(limit));
    }

    private static async Task<byte[]> ReadSentBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
            throw TooLarge(limit);

        // This limit replaces the server-wide one, which would otherwise cut large Bundles at 30 MB.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = null;

        // A declared length is at most the limit here, so the body is read straight into an
        // array of that size, without a growing buffer and a final copy.
        if (context.Request.ContentLength is { } length && length <= Array.MaxLength)
            return await ReadExactAsync(context, (int)length);

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
                throw TooLarge(limit);

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Editors and some clients, such as .NET writers with Encoding.UTF8, start UTF-8 text with a
    // byte order mark. RFC 8259 lets a JSON parser ignore it, but System.Text.Json and an
    // XmlReader over the decoded text reject it, so it is removed before any parse.
    private static byte[] WithoutByteOrderMark(byte[] body) =>
        body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;

    private static async Task<byte[]> ReadExactAsync(HttpContext context, int length)
    {
        var body = new byte[length];
        var offset = 0;
        while (offset < length)
        {
            var read = await context.Request.Body.ReadAsync(body.AsMemory(offset), context.RequestAborted);
            if (read == 0)
                break;

            offset += read;
        }

        return offset == length ? body : body[..offset];
    }

    private static FhirOperationException TooLarge(long limit) =>
        new(
            HttpStatusCode.RequestEntityTooLarge,
            OperationOutcome.IssueType.TooCostly,
            $"The request body is larger than {limit} bytes, the limit set by Fhir:MaxRequestBodySize; split it into smaller requests.");
}
