using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Rest;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// The admin import API. <c>POST /api/import</c> takes one Bundle (JSON) or NDJSON file as
/// the body and returns 202 with the job's URL; <c>GET /api/import/{id}</c> returns its
/// progress. Errors are ProblemDetails.
/// </summary>
internal static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(FhirStoreExtensions.ImportPath, ["POST"], StartAsync);
        endpoints.MapMethods(FhirStoreExtensions.ImportPath + "/{id}", ["GET"], GetAsync);
    }

    private static async Task StartAsync(HttpContext context)
    {
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

        var contentType = context.Request.ContentType ?? string.Empty;
        var isNdjson = contentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase);
        var name = context.Request.Query["name"].ToString() is { Length: > 0 } given ? given : "upload";
        var job = context.RequestServices.GetRequiredService<ImportJobs>().Start(name, body, isNdjson);
        await Results.Accepted($"{FhirStoreExtensions.ImportPath}/{job.Id}", job.ToStatus()).ExecuteAsync(context);
    }

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
