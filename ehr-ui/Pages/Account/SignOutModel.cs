using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Pages.Chart;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>
/// Signs the persona out of the EHR, deletes the cookie of the encounters it chose in charts,
/// and returns to the sign-in page.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(ChosenEncounterCookie chosenEncounterCookie) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        chosenEncounterCookie.Clear(HttpContext);
        await EhrSignIn.SignOutAsync(HttpContext);
        return LocalRedirect(EhrSignIn.SignInPath);
    }
}
