using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sandbox.SeedData.Loading;

namespace Sandbox.SeedData.Reset;

/// <summary>Maps <c>POST /api/reset</c>.</summary>
internal static class ResetApi
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/reset", ResetAsync)
            .WithTags("Data")
            .WithSummary("Resets the FHIR store to the seed or to empty.")
            .WithDescription(
                "Deletes every resource and version. The generated seed is written in the same transaction, so readers see either the old store or the new one. "
                + "A seed folder (--seed <folder>) is imported file by file after the store is emptied, so a reader can see a partly imported store until the last file commits. "
                + "The body is optional; {\"to\": \"Empty\"} leaves the store empty.")
            .Accepts<ResetRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Ok<ResetResult>, ProblemHttpResult>> ResetAsync(
        HttpContext context,
        SeedLoader loader)
    {
        if (context.Request.ContentLength > 0 && !context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(
                $"Content-Type '{context.Request.ContentType}' is not supported. Send the body as application/json, or send no body.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        var request = await ReadRequestAsync(context);
        var result = await loader.ResetAsync(request.To, context.RequestAborted);
        return TypedResults.Ok(result);
    }

    // The body is optional, so it is read here rather than bound, which would reject an empty body.
    // A body that cannot be read is thrown as minimal APIs throw it, so that the admin API's
    // error middleware describes the member that is wrong.
    private static async Task<ResetRequest> ReadRequestAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.HasJsonContentType()))
            return new ResetRequest();

        try
        {
            return await context.Request.ReadFromJsonAsync<ResetRequest>(context.RequestAborted) ?? new ResetRequest();
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new BadHttpRequestException("The reset request body could not be read.", StatusCodes.Status400BadRequest, exception);
        }
    }
}
