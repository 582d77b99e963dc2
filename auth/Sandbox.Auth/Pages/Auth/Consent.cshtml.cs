using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Interaction;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>The consent page: the user sees the scopes in plain words and may untick them or refuse.</summary>
public sealed class ConsentModel(InteractionStore interactions, AppRegistry apps) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public string AppName { get; private set; } = "the app";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        Scopes = session.Scopes;
        AppName = (await apps.FindAsync(session.ClientId, cancellationToken))?.Name ?? session.ClientId;
        return Page();
    }

    public IActionResult OnPost(string? decision, string[]? scopes)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        if (decision == "allow")
            session.ConsentedScopes = (scopes ?? []).Where(session.Scopes.Contains).ToList();
        else
            session.ConsentDenied = true;

        return LocalRedirect(session.ReturnUrl);
    }
}
