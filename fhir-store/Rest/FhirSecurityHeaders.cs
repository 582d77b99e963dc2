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

    /// <summary>
    /// The Content-Security-Policy of a Binary's content: the policy above with <c>sandbox</c>, so
    /// a browser that opens the content as a page gives it an opaque origin without script.
    /// </summary>
    public const string SandboxedContentSecurityPolicy = ContentSecurityPolicy + "; sandbox";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(FhirStoreExtensions.FhirBasePath))
            context.Response.OnStarting(static state => AddHeaders((HttpResponse)state), context.Response);

        return next(context);
    }

    // Set when the headers go out, so that a middleware that clears the response on an error
    // does not remove them. A policy that the endpoint set stays, which only a Binary's content
    // does.
    private static Task AddHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (!response.Headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;

        return Task.CompletedTask;
    }
}
