using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Auth.Api;

/// <summary>
/// Gives every empty error response of the admin API a body: ProblemDetails, or an RFC 7591
/// error on dynamic registration. ASP.NET Core rejects a request body it cannot bind (malformed
/// JSON, an unknown enum value, a number out of range, another content type) and an unknown
/// path with a bare status code.
/// </summary>
internal static class AdminErrorPages
{
    /// <summary>Writes the body for the status code the request ended with.</summary>
    public static async Task WriteAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var detail = Describe(status);
        if (context.Request.Path.StartsWithSegments(AuthPaths.Register))
        {
            context.Response.ContentType = "application/json";
            var error = new Dictionary<string, string> { ["error"] = "invalid_client_metadata", ["error_description"] = detail };
            await JsonSerializer.SerializeAsync(context.Response.Body, error, cancellationToken: context.RequestAborted);
            return;
        }

        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (problems is null)
            return;

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    private static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest =>
            "The request body could not be read: send one JSON object whose members have the documented names, types and enum values (see /openapi/v1.json).",
        StatusCodes.Status404NotFound => "No admin API operation has this path; see /openapi/v1.json for the operations.",
        StatusCodes.Status405MethodNotAllowed => "This path does not support this HTTP method; see /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON: send Content-Type: application/json.",
        _ => $"The request failed with HTTP status {status}.",
    };
}
