using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sandbox.FhirStore.Rest;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// The admin import API. <c>POST /api/import</c> takes one Bundle (JSON) or NDJSON file as
/// the body and returns 202 with the job's URL, or 409 while a store reset runs;
/// <c>GET /api/import/{id}</c> returns its progress. Errors are ProblemDetails.
/// </summary>
internal static class ImportEndpoints
{
    private static readonly string[] JsonMediaTypes = ["application/fhir+json", "application/json"];
    private static readonly string[] NdjsonMediaTypes = ["application/fhir+ndjson", "application/x-ndjson", "application/ndjson"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(FhirStoreExtensions.ImportPath, StartAsync)
            .WithTags("Data")
            .WithSummary("Starts importing one Bundle or NDJSON file in the background.")
            .WithDescription(
                "The body is one Bundle (transaction, batch or collection) or one resource as JSON, or NDJSON with one resource per line. "
                + "Resources keep the ids they carry. The 202 response has the job's URL in Location; GET it for the progress. "
                + "While a store reset runs, the import is rejected with 409 and no job starts.")
            .AddOpenApiOperationTransformer(ImportOpenApi.DescribeUploadAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        endpoints.MapMethods(FhirStoreExtensions.ImportPath + "/{id}", [HttpMethods.Get, HttpMethods.Head], Get)
            .WithTags("Data")
            .WithSummary("Returns the progress of an import job.")
            .WithDescription("Jobs are kept in memory until the sandbox stops.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Accepted<ImportJobStatus>, ProblemHttpResult>> StartAsync(
        HttpContext context,
        ImportJobs jobs,
        [Description("A name for the job, shown in its status. Default: upload.")] string? name = null)
    {
        var mediaType = MediaType(context.Request.ContentType);
        var isNdjson = NdjsonMediaTypes.Contains(mediaType);
        if (!isNdjson && !JsonMediaTypes.Contains(mediaType))
        {
            return TypedResults.Problem(
                $"The Content-Type '{context.Request.ContentType}' is not importable; send a Bundle or resource as application/fhir+json, or NDJSON as application/fhir+ndjson.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type.");
        }

        byte[] body;
        try
        {
            body = await FhirHttp.ReadBodyAsync(context);
        }
        catch (FhirOperationException exception) when (exception.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is too large.");
        }
        catch (FhirOperationException exception)
        {
            // An unsupported Content-Encoding (415) or data that does not match it (400).
            return TypedResults.Problem(exception.Message, statusCode: (int)exception.StatusCode, title: "The upload cannot be decoded.");
        }

        if (body.Length == 0)
        {
            return TypedResults.Problem(
                "Send a Bundle (application/fhir+json) or NDJSON (application/fhir+ndjson) as the body.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "The upload is empty.");
        }

        var job = jobs.TryStart(string.IsNullOrEmpty(name) ? "upload" : name, body, isNdjson);
        if (job is null)
        {
            return TypedResults.Problem(
                "The import was not started because the store is being reset, and the reset would remove what it stores. Send the import again once the reset has finished (POST /api/reset returns when it has).",
                statusCode: StatusCodes.Status409Conflict,
                title: "A store reset is running.");
        }

        return TypedResults.Accepted($"{FhirStoreExtensions.ImportPath}/{job.Id}", job.ToStatus());
    }

    private static string MediaType(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant() ?? string.Empty
            : string.Empty;

    private static Results<Ok<ImportJobStatus>, ProblemHttpResult> Get(string id, ImportJobs jobs)
    {
        var job = jobs.Find(id);
        if (job is null)
        {
            return TypedResults.Problem(
                $"There is no import job '{id}'; jobs are kept until the sandbox restarts.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Import job not found.");
        }

        return TypedResults.Ok(job.ToStatus());
    }
}
