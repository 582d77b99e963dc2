using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Rejects state-changing admin requests (<c>/api</c> and <c>/auth/register</c>) that a web page
/// of another site could send. Without an admin key, the admin API trusts every request from
/// loopback, and a browser on this machine is on loopback too. A page cannot send an
/// <c>X-Admin-Key</c> or a JSON body to another origin without a CORS preflight, which the
/// sandbox does not grant, but it can send a form or <c>text/plain</c> POST without one. So a
/// request with an <c>Origin</c> other than the sandbox's own gets 403, and one whose body is
/// not JSON (or NDJSON for imports) gets 415.
/// </summary>
internal sealed class CrossSiteRequestMiddleware(
    RequestDelegate next,
    IProblemDetailsService problems,
    ILogger<CrossSiteRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && !IsOwnOrigin(request, origin))
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Cross-site request rejected",
                $"The request comes from origin '{origin}', not from the sandbox's own origin '{OwnOrigin(request)}'. "
                + "Admin requests may come only from the sandbox's pages or from clients that send no Origin header, such as curl and test code.");
            return;
        }

        if (HasNonJsonBody(request))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", DescribeMediaType(request));
            return;
        }

        await next(context);
    }

    private static string DescribeMediaType(HttpRequest request) =>
        request.Path.StartsWithSegments(FhirStoreExtensions.ImportPath)
            ? $"The body has Content-Type '{request.ContentType}'; an import takes a Bundle as application/fhir+json or application/json, "
                + "or NDJSON as application/fhir+ndjson, application/x-ndjson or application/ndjson."
            : $"The body has Content-Type '{request.ContentType}'; admin requests take JSON. Send Content-Type: application/json, or no body where the body is optional.";

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    // RFC 6454 section 4: scheme and host compare without regard to case.
    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        string.Equals(origin.TrimEnd('/'), OwnOrigin(request), StringComparison.OrdinalIgnoreCase);

    // A body without Content-Type counts as not JSON, because fetch() sends a Blob body
    // without one and needs no preflight for it.
    private static bool HasNonJsonBody(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
            return request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
            return true;

        return !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("ndjson", StringComparison.OrdinalIgnoreCase));
    }

    private async Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        Log.CrossSiteRequestRejected(logger, context.Request.Method, context.Request.Path, status);
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments(AuthPaths.Register))
        {
            context.Response.ContentType = "application/json";
            var body = new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = detail };
            await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
            return;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
