using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>Signs the EHR user out of the application's default authentication scheme.</summary>
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        // The sign-in cookie belongs to whichever module signs personas in; without a
        // registered sign-out scheme nobody can be signed in, so there is nothing to end.
        var schemes = HttpContext.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is not null && await schemes.GetDefaultSignOutSchemeAsync() is not null)
            await HttpContext.SignOutAsync();

        return LocalRedirect(EhrUiExtensions.PatientListPath);
    }
}
