using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>Signs the persona out of the EHR and returns to the sign-in page.</summary>
[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await EhrSignIn.SignOutAsync(HttpContext);
        return LocalRedirect(EhrSignIn.SignInPath);
    }
}
