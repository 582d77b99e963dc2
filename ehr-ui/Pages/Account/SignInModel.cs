using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Personas;
using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Pages.Account;

/// <summary>
/// The persona sign-in page of the EHR, also used to switch user. It checks the persona and
/// its password the way the authorization server's sign-in page does.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IPersonaStore personas, PersonaSignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<Persona> Personas { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Personas = await personas.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        var persona = string.IsNullOrEmpty(username) ? null : await personas.FindAsync(username, cancellationToken);
        if (persona is not null && throttle.LockedFor(persona) is { } left)
        {
            ErrorMessage = PersonaSignInThrottle.LockedMessage(persona, left);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Personas = await personas.ListAsync(cancellationToken);
            return Page();
        }

        if (persona is null || !throttle.CheckPassword(persona, password))
        {
            ErrorMessage = (persona, string.IsNullOrEmpty(username)) switch
            {
                (null, true) => "No persona was chosen. Choose one from the list.",
                (null, false) => $"No persona has username '{username}'. Choose one from the list.",
                _ => $"The password of '{persona.DisplayName}' is wrong. Enter it above the list and choose the persona again.",
            };
            Personas = await personas.ListAsync(cancellationToken);
            return Page();
        }

        await EhrSignIn.SignInAsync(HttpContext, persona);
        var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : EhrUiExtensions.PatientListPath;
        return LocalRedirect(target);
    }
}
