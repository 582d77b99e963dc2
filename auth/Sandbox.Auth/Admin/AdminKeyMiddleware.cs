using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sandbox.Auth.Admin;

/// <summary>
/// Checks the admin key on <c>/api</c> and dynamic registration requests: <c>X-Admin-Key</c> or
/// <c>Authorization: Bearer</c>. A missing key gets 401 and a wrong one 403. The admin API
/// returns ProblemDetails; dynamic registration treats the key as the RFC 7591 initial
/// access token and returns an RFC 6750 <c>invalid_token</c> error.
/// </summary>
internal sealed class AdminKeyMiddleware(
    RequestDelegate next,
    AdminKeyGuard guard,
    IProblemDetailsService problems,
    ILogger<AdminKeyMiddleware> logger)
{
    /// <summary>The header that carries the admin key.</summary>
    public const string HeaderName = AdminKeyGuard.HeaderName;

    public async Task InvokeAsync(HttpContext context)
    {
        var check = guard.Check(context, AdminKeyGuard.ReadKey(context.Request));
        switch (check)
        {
            case AdminKeyCheck.Allowed:
                await next(context);
                return;
            case AdminKeyCheck.Missing:
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"sandbox-admin\"";
                await RejectAsync(context, StatusCodes.Status401Unauthorized, "Admin key missing",
                    $"This request needs the admin key in the {HeaderName} header or as a Bearer token; the sandbox prints it at start-up.");
                return;
            case AdminKeyCheck.Invalid:
                await RejectAsync(context, StatusCodes.Status403Forbidden, "Admin key invalid",
                    "The admin key does not match; use the key from Admin:ApiKey or the one the sandbox printed at start-up.");
                return;
            default:
                await RejectAsync(context, StatusCodes.Status403Forbidden, "Admin key not configured",
                    "Without an admin key, admin requests are accepted only straight from loopback, without X-Forwarded-For or Forwarded headers. " +
                    "Set Admin:ApiKey, or Admin:RequireKey=true to generate a key, to use them through a proxy or from another host.");
                return;
        }
    }

    private async Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        Log.AdminRequestRejected(logger, context.Request.Method, context.Request.Path, status);
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments(AuthPaths.Register))
        {
            await WriteTokenErrorAsync(context, detail);
            return;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static async Task WriteTokenErrorAsync(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"sandbox-admin\", error=\"invalid_token\"";
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, string> { ["error"] = "invalid_token", ["error_description"] = detail };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
