using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sandbox.Auth.Api;

/// <summary>
/// The handler of admin requests that fail with an unhandled exception: they get a 500
/// ProblemDetails body (an RFC 7591 <c>server_error</c> on dynamic registration), where Kestrel
/// would send an empty 500. The log line and the body carry the same trace id.
/// </summary>
internal sealed class AdminFailures(RequestDelegate next, ILogger<AdminFailures> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The ProblemDetails writer takes the same id for the body's traceId.
            var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
            Log.AdminRequestFailed(logger, exception, context.Request.Method, context.Request.Path, traceId);
            context.Response.Clear();
            await AdminErrorPages.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                "The sandbox failed to process the request. Its log has the details under the trace id of this response.");
        }
    }
}
