using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Admin;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>The page that requests the admin key before the EHR's admin pages open, and keeps it in a cookie.</summary>
public sealed class AdminKeyModel(AdminKeyGuard guard, AdminKeyCookie cookie) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
        if (guard.Check(HttpContext, presented: null) == AdminKeyCheck.NoKeyConfigured)
            ErrorMessage = NoKeyMessage;
    }

    public IActionResult OnPost(string? key)
    {
        var check = guard.Check(HttpContext, string.IsNullOrEmpty(key) ? null : key);
        if (check != AdminKeyCheck.Allowed)
        {
            ErrorMessage = check == AdminKeyCheck.NoKeyConfigured ? NoKeyMessage : "The admin key is missing or does not match. Use the key the sandbox printed at start-up.";
            return Page();
        }

        cookie.Write(HttpContext, key!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : EhrUiExtensions.PatientListPath);
    }

    private const string NoKeyMessage =
        "The sandbox has no admin key because it listens on loopback only, so its admin pages open only to browsers on the same host without a proxy. " +
        "Start it with Admin:RequireKey=true or Admin:ApiKey to use them from here.";
}
