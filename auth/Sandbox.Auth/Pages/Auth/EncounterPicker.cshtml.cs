using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Launches;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The encounter picker of a standalone launch that requests <c>launch/encounter</c>. Cancel
/// ends the request with <c>access_denied</c>, as Deny on the consent page does.
/// </summary>
/// <remarks>
/// The page serves only an open session whose granted scopes still contain
/// <c>launch/encounter</c> and that has a patient chosen, which is when the authorization
/// endpoint sends the user here. Any other session gets a 400 page that gives the reason, so that a
/// stale or edited URL cannot complete the encounter step of a request that has none.
/// </remarks>
public sealed class EncounterPickerModel(
    InteractionStore interactions,
    PickerSearch search,
    LaunchReferenceCheck check,
    ILogger<EncounterPickerModel> logger) : PageModel
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
        if (FindUnusableSession(session) is { } rejected)
            return rejected;

        await LoadChoicesAsync(session!, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? encounterId, CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (FindUnusableSession(session) is { } rejected)
            return rejected;

        var chosen = string.IsNullOrWhiteSpace(encounterId) ? null : encounterId;
        if (chosen is not null && await FindProblemAsync(session!, chosen, cancellationToken) is { } problem)
            return await RejectAsync(session!, problem, cancellationToken);

        session!.EncounterAnswered = true;
        session.EncounterId = chosen;
        return LocalRedirect(session.ReturnUrl);
    }

    /// <summary>Ends the request, so the app gets <c>access_denied</c> (see <see cref="CancelResult"/>).</summary>
    public IActionResult OnPostCancel() =>
        FindUnusableSession(interactions.FindUnfinished(Session, HttpContext))
            ?? CancelResult.For(this, interactions, Session, PageName);

    // Returns the 400 page for a session that this page cannot serve, or null for one it can.
    private IActionResult? FindUnusableSession(InteractionSession? session)
    {
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        if (!session.Scopes.Contains(SmartScopes.LaunchEncounter))
        {
            Log.EncounterPickerRejected(logger, session.ClientId, "the granted scopes lack launch/encounter");
            return SessionEndedResult.Show(this, new SessionEndedModel(
                "No encounter to choose",
                $"The authorization request of app '{session.ClientId}' lacks the scope launch/encounter, "
                + "so it has no encounter to choose. Continue the request, or add launch/encounter to the app's scope and start the launch again.",
                session.ReturnUrl));
        }

        if (session.PatientId is null)
        {
            Log.EncounterPickerRejected(logger, session.ClientId, "no patient has been chosen yet");
            return SessionEndedResult.Show(this, new SessionEndedModel(
                "No patient chosen yet",
                "No patient has been chosen for this authorization request yet, and the encounters offered are those of that patient. "
                + "Continue the request to choose a patient first.",
                session.ReturnUrl));
        }

        return null;
    }

    private async Task<string?> FindProblemAsync(InteractionSession session, string encounterId, CancellationToken cancellationToken)
    {
        var problem = await check.FindEncounterProblemAsync(session.PatientId!, encounterId, cancellationToken);
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

    private async Task LoadChoicesAsync(InteractionSession session, CancellationToken cancellationToken) =>
        Choices = await search.EncountersAsync(Request, session.PatientId!, cancellationToken);
}
