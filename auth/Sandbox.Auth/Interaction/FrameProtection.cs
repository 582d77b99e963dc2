using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// Keeps the authorization server's pages (sign-in, pickers, consent, error pages) out of
/// frames on other origins, so no other site can overlay them and trick the user into a click
/// (clickjacking). The sandbox's own origin may frame them, because the EHR opens apps in a
/// frame and an app's authorization request then shows these pages inside it.
/// </summary>
internal sealed class FrameProtection : IPageApplicationModelConvention, IPageFilter
{
    /// <summary>
    /// The Content-Security-Policy of the pages. They run no script, so <c>script-src 'none'</c>
    /// keeps an app name or scope that slips past the HTML encoding from running any.
    /// </summary>
    public const string ContentSecurityPolicy = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; script-src 'none'";

    /// <summary>Adds the headers to a response.</summary>
    public static void Apply(HttpResponse response)
    {
        // X-Frame-Options is for browsers that predate CSP frame-ancestors.
        response.Headers.XFrameOptions = "SAMEORIGIN";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    public void Apply(PageApplicationModel model)
    {
        if (model.HandlerType.Assembly == typeof(FrameProtection).Assembly)
            model.Filters.Add(this);
    }

    public void OnPageHandlerSelected(PageHandlerSelectedContext context) => Apply(context.HttpContext.Response);

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
