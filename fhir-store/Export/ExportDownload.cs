using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.FhirStore.Export;

/// <summary>Streams an export as the body of an HTTP response that browsers save as a file.</summary>
public static class ExportDownload
{
    /// <summary>
    /// Sets the download headers and writes the export of the whole store to the response body,
    /// unless the request is HEAD.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, StoreExporter exporter, ExportFormat format, DateTimeOffset at)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExportFormats.ContentType(format);
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = ExportFormats.FileName(format, at),
        }.ToString();
        response.Headers.CacheControl = "no-store";

        // A HEAD response has no body, so reading the whole store for it would be wasted.
        if (HttpMethods.IsHead(context.Request.Method))
            return;

        var request = context.Request;
        var fhirBase = $"{request.Scheme}://{request.Host}{request.PathBase}{FhirStoreExtensions.FhirBasePath}";
        await exporter.WriteAsync(format, response.Body, fhirBase, context.RequestAborted);
    }
}
