using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Rejects a form post that matches no handler of its page with 400, such as a POST to a page
/// that has only <c>OnGet</c> or a <c>handler</c> value the page does not define. Razor Pages
/// would otherwise render the page without running a handler, and a page that loads its model
/// in a handler then fails with a 500.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    /// <summary>The explanation the status page shows.</summary>
    public const string Explanation =
        "The form names no action of this page. Go back, reload the page and use one of its buttons.";

    private static readonly object Key = new();

    /// <summary>Returns whether this filter rejected the request.</summary>
    public static bool Rejected(HttpContext context) => context.Items.ContainsKey(Key);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.HttpContext.Items[Key] = true;
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }
}
