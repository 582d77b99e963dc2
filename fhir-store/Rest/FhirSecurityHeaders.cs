using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.FhirStore.Rest;

/// <summary>
/// Adds to every response under <c>/fhir</c> the headers that keep a browser from treating it
/// as a page: <c>X-Content-Type-Options: nosniff</c>, so a resource is never sniffed as HTML,
/// and a Content-Security-Policy that allows no script, style, frame or other load, and no
/// framing of the response itself. A stored resource can carry any text, narrative included,
/// and a user may open a FHIR URL in a browser tab.
/// </summary>
internal sealed class FhirSecurityHeaders(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy of FHIR responses, which are data and load nothing.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath))
            context.Response.OnStarting(static state => AddHeaders((HttpResponse)state), context.Response);

        return next(context);
    }

    // Set when the headers go out, so that a middleware that clears the response on an error
    // does not remove them.
    private static Task AddHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        return Task.CompletedTask;
    }
}
