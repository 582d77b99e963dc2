using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
    public static Task WriteAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        return WriteAsync(context, status, Describe(context, status));
    }

    /// <summary>Sets the status code and writes ProblemDetails, or an RFC 7591 error on registration.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments(AuthPaths.Register))
        {
            context.Response.ContentType = "application/json";
            var code = status >= StatusCodes.Status500InternalServerError ? "server_error" : "invalid_client_metadata";
            var error = new Dictionary<string, string> { ["error"] = code, ["error_description"] = detail };
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

    /// <summary>Returns the <c>detail</c> for a status code that ASP.NET Core set without a body.</summary>
    public static string Describe(HttpContext context, int status) => status switch
    {
        StatusCodes.Status400BadRequest =>
            "The request body could not be read: send one JSON object whose members have the documented names, types and enum values (see /openapi/v1.json).",
        StatusCodes.Status404NotFound => "No admin API operation has this path; see /openapi/v1.json for the operations.",
        StatusCodes.Status405MethodNotAllowed => "This path does not support this HTTP method; see /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON: send Content-Type: application/json.",
        StatusCodes.Status413PayloadTooLarge => DescribeTooLarge(context),
        _ => $"The request failed with HTTP status {status}.",
    };

    private static string DescribeTooLarge(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"The request body is larger than {limit} bytes, the limit for admin requests; send a smaller body."
            : "The request body is larger than the server accepts; send a smaller body.";
}
