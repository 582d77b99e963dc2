using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// Keeps the authorization server's pages (sign-in, pickers, consent, error pages) out of every
/// frame, so no other site can overlay them and trick the user into a click (clickjacking).
/// </summary>
internal sealed class FrameProtection : IPageApplicationModelConvention, IPageFilter
{
    /// <summary>The Content-Security-Policy of the pages.</summary>
    public const string ContentSecurityPolicy = "frame-ancestors 'none'";

    /// <summary>Adds the headers to a response.</summary>
    public static void Apply(HttpResponse response)
    {
        // X-Frame-Options is for browsers that predate CSP frame-ancestors.
        response.Headers.XFrameOptions = "DENY";
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
