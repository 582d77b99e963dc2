using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Rest;

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
            VaryHeader.AddOnStarting(context.Response, HeaderNames.Origin);

        return next(context);
    }
}
