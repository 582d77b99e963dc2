using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Rest;

/// <summary>Writes FHIR responses: resources in the negotiated format, versioning headers and Prefer.</summary>
internal static class FhirResponses
{
    /// <summary>
    /// Writes a stored version with its ETag and Last-Modified headers, in <paramref name="format"/>
    /// or, when that is null, in the format that the request negotiates.
    /// </summary>
    public static async System.Threading.Tasks.Task WriteStoredAsync(
        HttpContext context,
        StoredResource stored,
        HttpStatusCode status,
        FhirFormat? format = null)
    {
        var responseFormat = format ?? ContentNegotiation.ResponseFormat(context.Request);
        var pretty = FhirHttp.IsPretty(context.Request);
        SetVersionHeaders(context.Response, stored);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = ContentNegotiation.MediaType(responseFormat);

        // Stored bodies are already compact FHIR JSON, so the common case writes them as they are.
        if (responseFormat == FhirFormat.Json && !pretty)
        {
            context.Response.ContentLength = stored.Json.Length;
            await context.Response.Body.WriteAsync(stored.Json, context.RequestAborted);
            return;
        }

        await WriteBodyAsync(context, FhirSerializer.ParseTrustedJson(stored.Json.Span), responseFormat, pretty);
    }

    /// <summary>Writes any resource, such as a Bundle or a CapabilityStatement.</summary>
    public static System.Threading.Tasks.Task WriteResourceAsync(
        HttpContext context,
        Base resource,
        HttpStatusCode status)
    {
        var format = ContentNegotiation.ResponseFormat(context.Request);
        context.Response.StatusCode = (int)status;
        return WriteBodyAsync(context, resource, format, FhirHttp.IsPretty(context.Request));
    }

    /// <summary>Writes an OperationOutcome, in JSON when the requested format cannot be served.</summary>
    public static System.Threading.Tasks.Task WriteOutcomeAsync(
        HttpContext context,
        OperationOutcome outcome,
        HttpStatusCode status)
    {
        FhirFormat format;
        try
        {
            format = ContentNegotiation.ResponseFormat(context.Request);
        }
        catch (FhirOperationException)
        {
            format = FhirFormat.Json;
        }

        context.Response.StatusCode = (int)status;
        return WriteBodyAsync(context, outcome, format, FhirHttp.IsPretty(context.Request));
    }

    /// <summary>
    /// Writes the result of a create, update or patch: Location, ETag and Last-Modified, and
    /// a body chosen by <c>Prefer: return=</c>.
    /// </summary>
    public static async System.Threading.Tasks.Task WriteResultAsync(HttpContext context, OperationResult result)
    {
        var prefer = PreferHeader.Parse(context.Request);
        if (result.Stored is not { IsDeleted: false } stored)
        {
            context.Response.StatusCode = (int)result.Status;
            return;
        }

        var location = $"{FhirHttp.BaseUrl(context)}/{stored.ResourceType}/{stored.Id}/_history/{stored.VersionId}";
        context.Response.Headers.Location = location;
        if (prefer.Return == PreferHeader.Representation)
        {
            await WriteStoredAsync(context, stored, result.Status);
            return;
        }

        SetVersionHeaders(context.Response, stored);
        if (prefer.Return == PreferHeader.Minimal)
        {
            context.Response.StatusCode = (int)result.Status;
            return;
        }

        await WriteResourceAsync(context, OperationOutcomes.ForResult(result), result.Status);
    }

    public static void SetVersionHeaders(HttpResponse response, StoredResource stored)
    {
        response.Headers.ETag = $"W/\"{stored.VersionId.ToString(CultureInfo.InvariantCulture)}\"";
        response.Headers.LastModified = stored.LastUpdated.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a compact FHIR JSON body that the caller has already serialized, with status 200.</summary>
    public static System.Threading.Tasks.Task WriteJsonOkAsync(HttpContext context, ReadOnlyMemory<byte> json) =>
        WriteSerializedOkAsync(context, json, FhirFormat.Json);

    /// <summary>Writes a body that the caller has already serialized in <paramref name="format"/>, with status 200.</summary>
    public static System.Threading.Tasks.Task WriteSerializedOkAsync(HttpContext context, ReadOnlyMemory<byte> body, FhirFormat format)
    {
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = ContentNegotiation.MediaType(format);
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async System.Threading.Tasks.Task WriteBodyAsync(
        HttpContext context,
        Base resource,
        FhirFormat format,
        bool pretty)
    {
        context.Response.ContentType = ContentNegotiation.MediaType(format);
        using var buffer = new MemoryStream();
        FhirSerializer.Write(resource, format, pretty, buffer);
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(
            buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
            context.RequestAborted);
    }
}
