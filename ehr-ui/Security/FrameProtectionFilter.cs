using Microsoft.AspNetCore.Mvc.Filters;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Adds the response headers that keep EHR pages out of frames on other origins (clickjacking),
/// while EHR pages may still frame apps from any origin: the frame-ancestors directive limits
/// who frames the page, not what the page frames.
/// </summary>
public sealed class FrameProtectionFilter : IPageFilter
{
    /// <summary>
    /// The Content-Security-Policy of EHR pages. They run no script, so <c>script-src 'none'</c>
    /// keeps a record that slips past the HTML encoding from running any.
    /// </summary>
    public const string ContentSecurityPolicy = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; script-src 'none'";

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        var headers = context.HttpContext.Response.Headers;

        // X-Frame-Options is for browsers that predate CSP frame-ancestors.
        headers.XFrameOptions = "SAMEORIGIN";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
