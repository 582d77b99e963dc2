using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.FhirStore.Export;

/// <summary>Maps <c>GET /api/export</c>, which downloads the whole store.</summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(FhirStoreExtensions.ExportPath, [HttpMethods.Get, HttpMethods.Head], ExportAsync)
            .WithTags("Data")
            .WithSummary("Exports every current resource of the store as NDJSON files in a zip, or as one Bundle.")
            .WithDescription(
                "format=ndjson (the default) returns a zip archive with one {type}.ndjson file per resource type, as a FHIR Bulk Data export names its files. "
                + "format=bundle returns one transaction Bundle with a PUT entry per resource, which POST /api/import stores under the same ids. "
                + "Deleted resources and older versions are left out. The response is streamed from one snapshot of the store.")
            // Without a response type, the OpenAPI document lists the 200 with no content at all.
            .Produces<Stream>(StatusCodes.Status200OK, contentType: "application/zip", additionalContentTypes: ["application/fhir+json"])
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ExportAsync(HttpContext context, StoreExporter exporter, TimeProvider timeProvider, string? format = null)
    {
        if (!ExportFormats.TryParse(format, out var parsed))
        {
            return TypedResults.Problem(
                $"format '{format}' is not supported; use {ExportFormats.Accepted}.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid export format");
        }

        await ExportDownload.WriteAsync(context, exporter, parsed, timeProvider.GetUtcNow());
        return TypedResults.Empty;
    }
}
