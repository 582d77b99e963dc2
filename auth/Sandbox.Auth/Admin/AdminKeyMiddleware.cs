using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Checks the admin key on <c>/api</c> requests: <c>X-Admin-Key</c> or <c>Authorization: Bearer</c>.
/// A missing key gets 401 and a wrong one 403, both as ProblemDetails.
/// </summary>
internal sealed class AdminKeyMiddleware(
    RequestDelegate next,
    AdminKeyGuard guard,
    IProblemDetailsService problems,
    ILogger<AdminKeyMiddleware> logger)
{
    /// <summary>The header that carries the admin key.</summary>
    public const string HeaderName = "X-Admin-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (guard.RequiredKey is null)
        {
            await next(context);
            return;
        }

        var presented = ReadKey(context.Request);
        if (presented is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"sandbox-admin\"";
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "Admin key missing",
                $"The admin API needs the admin key in the {HeaderName} header or as a Bearer token; the sandbox prints it at start-up.");
            return;
        }

        if (!guard.Matches(presented))
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Admin key invalid",
                "The admin key does not match; use the key from Admin:ApiKey or the one the sandbox printed at start-up.");
            return;
        }

        await next(context);
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
            return header.ToString();

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    private async Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        Log.AdminRequestRejected(logger, context.Request.Method, context.Request.Path, status);
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
