using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Personas;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The sign-in page: the user picks the persona the app acts for. Cancel ends the request with
/// <c>access_denied</c>, as Deny on the consent page does.
/// </summary>
public sealed class LoginModel(
    InteractionStore interactions,
    IPersonaStore personas,
    AppRegistry apps,
    PersonaSignInThrottle throttle,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>The page name that the <c>access_denied</c> description gives after Cancel.</summary>
    public const string PageName = "sign-in page";

    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<Persona> Personas { get; private set; } = [];

    public string AppName { get; private set; } = "the app";

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        await LoadAsync(session, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        var persona = username is null ? null : await personas.FindAsync(username, cancellationToken);
        if (persona is not null && throttle.LockedFor(persona) is { } left)
        {
            ErrorMessage = PersonaSignInThrottle.LockedMessage(persona, left);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await LoadAsync(session, cancellationToken);
            return Page();
        }

        if (persona is null || !throttle.CheckPassword(persona, password))
        {
            ErrorMessage = "Unknown persona or wrong password.";
            await LoadAsync(session, cancellationToken);
            return Page();
        }

        session.Username = persona.Username;
        session.SignedInAt = timeProvider.GetUtcNow();
        return LocalRedirect(session.ReturnUrl);
    }

    /// <summary>Ends the request, so the app gets <c>access_denied</c> (see <see cref="CancelResult"/>).</summary>
    public IActionResult OnPostCancel() => CancelResult.For(this, interactions, Session, PageName);

    private async Task LoadAsync(InteractionSession session, CancellationToken cancellationToken)
    {
        Personas = await personas.ListAsync(cancellationToken);
        AppName = (await apps.FindAsync(session.ClientId, cancellationToken))?.Name ?? session.ClientId;
    }
}
