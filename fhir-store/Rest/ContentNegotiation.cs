using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Rest;

/// <summary>
/// Picks the request and response formats from <c>Content-Type</c>, <c>Accept</c> and
/// <c>_format</c>, as FHIR R4 http.html describes: 415 for a body in an unsupported
/// format, 406 when no acceptable response format is supported.
/// </summary>
internal static class ContentNegotiation
{
    public const string JsonMediaType = "application/fhir+json";
    public const string XmlMediaType = "application/fhir+xml";

    /// <summary>The response format; <c>_format</c> overrides <c>Accept</c>, and JSON is the default.</summary>
    public static FhirFormat ResponseFormat(HttpRequest request)
    {
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return FromMediaType(format) ?? throw new FhirOperationException(
                HttpStatusCode.NotAcceptable,
                OperationOutcome.IssueType.NotSupported,
                $"_format '{format}' is not supported; use json or xml.");
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
            return FhirFormat.Json;

        foreach (var mediaType in accept.OrderByDescending(value => value.Quality ?? 1))
        {
            if (mediaType.Quality == 0)
                continue;
            if (mediaType.MatchesAllTypes || mediaType.MatchesAllSubTypes && mediaType.Type == "application")
                return FhirFormat.Json;
            if (FromMediaType(mediaType.MediaType.ToString()) is { } matched)
                return matched;
        }

        throw new FhirOperationException(
            HttpStatusCode.NotAcceptable,
            OperationOutcome.IssueType.NotSupported,
            $"None of the Accept media types '{request.Headers.Accept}' is supported; use {JsonMediaType} or {XmlMediaType}.");
    }

    /// <summary>The format of the request body; a missing Content-Type is read as JSON.</summary>
    public static FhirFormat RequestFormat(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
            return FhirFormat.Json;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            && FromMediaType(contentType.MediaType.ToString()) is { } format)
        {
            return format;
        }

        throw new FhirOperationException(
            HttpStatusCode.UnsupportedMediaType,
            OperationOutcome.IssueType.NotSupported,
            $"Content-Type '{request.ContentType}' is not supported; send {JsonMediaType} or {XmlMediaType}.");
    }

    /// <summary>
    /// The FHIR format that a media type names for a Binary, or null when it names the Binary's
    /// own content. Only the FHIR media types and <c>application/json</c> name the resource. A
    /// CDA document's contentType is usually <c>application/xml</c> or <c>text/xml</c>, and
    /// browsers list <c>application/xml</c> in their default <c>Accept</c>, so those two name
    /// content here although other types read them as FHIR XML.
    /// </summary>
    public static FhirFormat? BinaryResourceFormat(string mediaType) => mediaType.Trim().ToLowerInvariant() switch
    {
        "application/fhir+json" or "application/json" or "application/json+fhir" => FhirFormat.Json,
        "application/fhir+xml" or "application/xml+fhir" => FhirFormat.Xml,
        _ => null,
    };

    public static string MediaType(FhirFormat format) =>
        format == FhirFormat.Xml ? XmlMediaType + "; charset=utf-8" : JsonMediaType + "; charset=utf-8";

    private static FhirFormat? FromMediaType(string value) => value.Trim().ToLowerInvariant() switch
    {
        "json" or "application/fhir+json" or "application/json" or "application/json+fhir" => FhirFormat.Json,
        "xml" or "application/fhir+xml" or "application/xml" or "text/xml" or "application/xml+fhir" => FhirFormat.Xml,
        _ => null,
    };
}
