using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Reads the EHR sign-in cookie on every EHR page and sends a visitor without one to the
/// persona sign-in page, except on pages marked <see cref="AllowAnonymousAttribute"/>. The
/// cookie scheme is read explicitly, so the authorization server's schemes are untouched.
/// </summary>
/// <remarks>
/// It is an authorization filter ordered before Razor Pages' antiforgery check (order 1000),
/// because antiforgery tokens are bound to the signed-in user: the check must see the same
/// user as the page that issued the token.
/// </remarks>
public sealed class SignInRequiredFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => -1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var user = await EhrSignIn.AuthenticateAsync(context.HttpContext);
        if (user is not null || AllowsAnonymous(context))
            return;

        var request = context.HttpContext.Request;
        var returnUrl = HttpMethods.IsGet(request.Method) ? $"{request.Path}{request.QueryString}" : null;
        context.Result = new RedirectResult(EhrSignIn.SignInUrl(returnUrl));
    }

    private static bool AllowsAnonymous(AuthorizationFilterContext context) =>
        context.ActionDescriptor is CompiledPageActionDescriptor page
        && page.HandlerTypeInfo.IsDefined(typeof(AllowAnonymousAttribute), inherit: true);
}
