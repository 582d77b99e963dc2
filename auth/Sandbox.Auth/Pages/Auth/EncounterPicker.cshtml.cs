using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Launches;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The encounter picker of a standalone launch that requests <c>launch/encounter</c>. Cancel
/// ends the request with <c>access_denied</c>, as Deny on the consent page does.
/// </summary>
public sealed class EncounterPickerModel(InteractionStore interactions, PickerSearch search, LaunchReferenceCheck check) : PageModel
{
    /// <summary>The page name that the <c>access_denied</c> description gives after Cancel.</summary>
    public const string PageName = "encounter picker";

    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<PickerSearch.Choice> Choices { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session?.PatientId is null && session?.Username is null)
            return SessionEndedResult.For(this, interactions, Session);

        await LoadChoicesAsync(session, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? encounterId, CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        var chosen = string.IsNullOrWhiteSpace(encounterId) ? null : encounterId;
        if (chosen is not null && await FindProblemAsync(session, chosen, cancellationToken) is { } problem)
            return await RejectAsync(session, problem, cancellationToken);

        session.EncounterAnswered = true;
        session.EncounterId = chosen;
        return LocalRedirect(session.ReturnUrl);
    }

    /// <summary>Ends the request, so the app gets <c>access_denied</c> (see <see cref="CancelResult"/>).</summary>
    public IActionResult OnPostCancel() => CancelResult.For(this, interactions, Session, PageName);

    private async Task<string?> FindProblemAsync(InteractionSession session, string encounterId, CancellationToken cancellationToken)
    {
        if (session.PatientId is null)
            return $"No patient is in context, so encounter '{encounterId}' cannot be chosen. Choose 'No encounter'.";

        var problem = await check.FindEncounterProblemAsync(session.PatientId, encounterId, cancellationToken);
        return problem is null ? null : $"{problem} Choose one of the encounters listed.";
    }

    // The page is shown again with the message and a 400 status, so scripts see the failure too.
    private async Task<IActionResult> RejectAsync(InteractionSession session, string message, CancellationToken cancellationToken)
    {
        ErrorMessage = message;
        await LoadChoicesAsync(session, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadChoicesAsync(InteractionSession session, CancellationToken cancellationToken)
    {
        if (session.PatientId is not null)
            Choices = await search.EncountersAsync(Request, session.PatientId, cancellationToken);
    }
}
