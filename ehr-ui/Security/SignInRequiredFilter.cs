using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Reads the EHR sign-in cookie on every EHR page and sends a visitor without one to the
/// persona sign-in page, except on pages marked <see cref="AllowAnonymousAttribute"/>. The
/// cookie scheme is read explicitly, so the authorization server's schemes are untouched.
/// </summary>
public sealed class SignInRequiredFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = await EhrSignIn.AuthenticateAsync(context.HttpContext);
        var allowsAnonymous = context.HandlerInstance.GetType().IsDefined(typeof(AllowAnonymousAttribute), inherit: true);
        if (user is null && !allowsAnonymous)
        {
            var request = context.HttpContext.Request;
            var returnUrl = HttpMethods.IsGet(request.Method) ? $"{request.Path}{request.QueryString}" : null;
            context.Result = new RedirectResult(EhrSignIn.SignInUrl(returnUrl));
            return;
        }

        await next();
    }
}
