using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Interaction;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>The encounter picker of a standalone launch that requests <c>launch/encounter</c>.</summary>
public sealed class EncounterPickerModel(InteractionStore interactions, PickerSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<PickerSearch.Choice> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session);
        if (session?.PatientId is null && session?.Username is null)
            return SessionEndedResult.For(this, interactions, Session);

        if (session.PatientId is not null)
            Choices = await search.EncountersAsync(Request, session.PatientId, cancellationToken);

        return Page();
    }

    public IActionResult OnPost(string? encounterId)
    {
        var session = interactions.FindUnfinished(Session);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        session.EncounterAnswered = true;
        session.EncounterId = string.IsNullOrWhiteSpace(encounterId) ? null : encounterId;
        return LocalRedirect(session.ReturnUrl);
    }
}
