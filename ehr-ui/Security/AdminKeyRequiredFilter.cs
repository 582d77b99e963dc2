using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Admin;

namespace Sandbox.EhrUi.Security;

/// <summary>
/// Guards the EHR's admin pages (app registration and the data page) with the admin key, the
/// same way the admin API is guarded. A visitor without a valid key is sent to the admin key page.
/// </summary>
/// <remarks>
/// It runs after <see cref="SignInRequiredFilter"/> and before Razor Pages' antiforgery check,
/// so a post without the key is rejected before any handler runs.
/// </remarks>
public sealed class AdminKeyRequiredFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The path of the page that requests the admin key.</summary>
    public const string PromptPath = "/admin-key";

    public int Order => -999;

    /// <summary>
    /// Returns whether the request may use admin functions, because it carries the admin key in
    /// the cookie or a header, or because the sandbox needs no key for it.
    /// </summary>
    public static bool IsAllowed(HttpContext context)
    {
        var services = context.RequestServices;
        var guard = services.GetRequiredService<AdminKeyGuard>();
        var presented = services.GetRequiredService<AdminKeyCookie>().Read(context);
        return guard.Check(context, presented) == AdminKeyCheck.Allowed;
    }

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (IsAllowed(context.HttpContext))
            return Task.CompletedTask;

        var request = context.HttpContext.Request;
        var returnUrl = HttpMethods.IsGet(request.Method) ? $"{request.Path}{request.QueryString}" : request.Path.ToString();
        context.Result = new RedirectResult($"{PromptPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
