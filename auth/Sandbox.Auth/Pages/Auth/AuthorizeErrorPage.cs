using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Interaction;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// Writes the authorize error page, which uses the layout of the sign-in and consent pages.
/// It is rendered in place rather than reached by a redirect, because a request whose client
/// or redirect URI failed its check must get no <c>Location</c> header at all.
/// </summary>
internal static class AuthorizeErrorPage
{
    private const string ViewPath = "/Pages/Auth/AuthorizeError.cshtml";

    /// <summary>Writes the page with status 400, framing forbidden and caching off.</summary>
    public static async Task WriteAsync(HttpContext httpContext, AuthorizeErrorModel model, CancellationToken cancellationToken)
    {
        var html = await RenderAsync(httpContext, model);

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        FrameProtection.Apply(response);
        await response.WriteAsync(html, cancellationToken);
    }

    private static async Task<string> RenderAsync(HttpContext httpContext, AuthorizeErrorModel model)
    {
        var services = httpContext.RequestServices;
        var view = services.GetRequiredService<IRazorViewEngine>()
            .GetView(executingFilePath: null, ViewPath, isMainPage: true)
            .View ?? throw new InvalidOperationException($"The view {ViewPath} is missing from the auth module.");

        var actionContext = new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor());
        var viewData = new ViewDataDictionary<AuthorizeErrorModel>(services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary())
        {
            Model = model,
        };
        var tempData = new TempDataDictionary(httpContext, services.GetRequiredService<ITempDataProvider>());
        using var writer = new StringWriter();
        var viewContext = new ViewContext(actionContext, view, viewData, tempData, writer, new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return writer.ToString();
    }
}
