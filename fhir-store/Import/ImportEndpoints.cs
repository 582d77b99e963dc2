using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Rest;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// The admin import API. <c>POST /api/import</c> takes one Bundle (JSON) or NDJSON file as
/// the body and returns 202 with the job's URL, or 409 while a store reset runs;
/// <c>GET /api/import/{id}</c> returns its progress. Errors are ProblemDetails.
/// </summary>
internal static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(FhirStoreExtensions.ImportPath, [HttpMethods.Post], StartAsync);
        endpoints.MapMethods(FhirStoreExtensions.ImportPath + "/{id}", [HttpMethods.Get, HttpMethods.Head], GetAsync);
    }

    private static readonly string[] JsonMediaTypes = ["application/fhir+json", "application/json"];
    private static readonly string[] NdjsonMediaTypes = ["application/fhir+ndjson", "application/x-ndjson", "application/ndjson"];

    private static async Task StartAsync(HttpContext context)
    {
        var mediaType = MediaType(context.Request.ContentType);
        var isNdjson = NdjsonMediaTypes.Contains(mediaType);
        if (!isNdjson && !JsonMediaTypes.Contains(mediaType))
        {
            await Results.Problem(
                $"The Content-Type '{context.Request.ContentType}' is not importable; send a Bundle or resource as application/fhir+json, or NDJSON as application/fhir+ndjson.",
                statusCode: 415,
                title: "Unsupported media type.").ExecuteAsync(context);
            return;
        }

        byte[] body;
        try
        {
            body = await FhirHttp.ReadBodyAsync(context);
        }
        catch (FhirOperationException exception) when (exception.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            await Results.Problem(exception.Message, statusCode: 413, title: "The upload is too large.").ExecuteAsync(context);
            return;
        }

        if (body.Length == 0)
        {
            await Results.Problem("Send a Bundle (application/fhir+json) or NDJSON (application/fhir+ndjson) as the body.", statusCode: 400, title: "The upload is empty.").ExecuteAsync(context);
            return;
        }

        var name = context.Request.Query["name"].ToString() is { Length: > 0 } given ? given : "upload";
        var job = context.RequestServices.GetRequiredService<ImportJobs>().TryStart(name, body, isNdjson);
        var result = job is null
            ? Results.Problem(
                "The import was not started because the store is being reset, and the reset would remove what it stores. Send the import again once the reset has finished (POST /api/reset returns when it has).",
                statusCode: 409,
                title: "A store reset is running.")
            : Results.Accepted($"{FhirStoreExtensions.ImportPath}/{job.Id}", job.ToStatus());
        await result.ExecuteAsync(context);
    }

    private static string MediaType(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant() ?? string.Empty
            : string.Empty;

    private static async Task GetAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var job = context.RequestServices.GetRequiredService<ImportJobs>().Find(id);
        var result = job is null
            ? Results.Problem(
                $"There is no import job '{id}'; jobs are kept until the sandbox restarts.",
                statusCode: 404,
                title: "Import job not found.")
            : Results.Ok(job.ToStatus());
        await result.ExecuteAsync(context);
    }
}
