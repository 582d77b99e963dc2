using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.Auth.Server;

/// <summary>
/// Adds <c>Vary: Origin</c> to every response of a path that has a CORS policy. The CORS
/// headers of those responses depend on the request's <c>Origin</c>. An allowed origin gets
/// them (every origin on the discovery paths), but a disallowed origin or a request without
/// <c>Origin</c> does not. ASP.NET Core 10's CORS middleware adds <c>Vary: Origin</c> only when
/// it returns the request's own origin, not <c>*</c> and not for a disallowed origin. Without
/// this, a shared cache could serve a response without CORS headers to an allowed origin, or
/// the reverse.
/// </summary>
internal sealed class OriginVaryHeader(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (SandboxCorsPolicyProvider.HasPolicy(context.Request.Path))
            context.Response.OnStarting(AddVaryOrigin, context.Response);

        return next(context);
    }

    // Runs when the headers are sent, after the CORS middleware and any handler that cleared
    // the response, so the value is neither lost nor repeated.
    private static Task AddVaryOrigin(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        var varies = headers.Vary.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries));
        if (!varies.Any(name => name == "*" || string.Equals(name, HeaderNames.Origin, StringComparison.OrdinalIgnoreCase)))
            headers.Append(HeaderNames.Vary, HeaderNames.Origin);

        return Task.CompletedTask;
    }
}
