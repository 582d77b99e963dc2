using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Auth.Headless;

/// <summary>Maps <c>POST /api/launches/headless</c>.</summary>
internal static class HeadlessLaunchApi
{
    public static void MapHeadlessLaunch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/launches/headless", LaunchAsync)
            .WithTags("Launches")
            .WithSummary("Runs a whole EHR launch for an app and returns the token response.")
            .WithDescription("Creates a launch with sign-in and consent skipped, calls the authorize endpoint with a PKCE S256 challenge as the app would, and redeems the code at the token endpoint. An OAuth error in the flow returns 422 with error, error_description and step.")
            .Produces<HeadlessTokenResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    // The result is typed as IResult, not Ok<JsonObject>, so that the OpenAPI document takes
    // the 200 schema from HeadlessTokenResponse instead of describing a bare JSON object.
    private static async Task<IResult> LaunchAsync(
        HeadlessLaunchRequest request,
        HttpContext context,
        HeadlessLauncher launcher)
    {
        var (token, failure) = await launcher.RunAsync(request, context.Request, context.RequestAborted);
        if (failure is null)
            return TypedResults.Ok(token!);

        var extensions = new Dictionary<string, object?>();
        if (failure.Error is not null)
        {
            extensions["error"] = failure.Error;
            extensions["error_description"] = failure.ErrorDescription;
        }

        if (failure.Step is not null)
            extensions["step"] = failure.Step;

        var title = failure.Status == StatusCodes.Status400BadRequest ? "Invalid headless launch" : "Headless launch failed";
        return TypedResults.Problem(failure.Detail, statusCode: failure.Status, title: title, extensions: extensions);
    }
}
