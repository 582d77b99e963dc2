using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Personas;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// The patient picker of a standalone launch that requests <c>launch/patient</c>. The signed-in
/// persona's own record comes first, then the other patients by name. Cancel ends the request
/// with <c>access_denied</c>, as Deny on the consent page does.
/// </summary>
public sealed class PatientPickerModel(InteractionStore interactions, IPersonaStore personas, PickerSearch search) : PageModel
{
    /// <summary>The page name that the <c>access_denied</c> description gives after Cancel.</summary>
    public const string PageName = "patient picker";

    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<PickerSearch.Choice> Choices { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        Choices = await LoadChoicesAsync(session, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? patientId, CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        if (string.IsNullOrWhiteSpace(patientId))
            return await RejectAsync(session, "No patient was chosen. Choose one of the patients listed.", cancellationToken);

        var persona = await FindPersonaAsync(session, cancellationToken);
        var allowed = persona?.OpenablePatientIds ?? [];
        if (allowed.Count > 0 && !allowed.Contains(patientId))
            return await RejectAsync(session, $"The signed-in persona may not open patient '{patientId}'. Choose one of the patients listed.", cancellationToken);

        var found = await search.PatientsAsync(Request, [patientId], firstId: null, cancellationToken);
        if (!found.Any(choice => choice.Id == patientId))
            return await RejectAsync(session, $"Patient '{patientId}' does not exist in the FHIR store. Choose one of the patients listed.", cancellationToken);

        session.PatientId = patientId;
        return LocalRedirect(session.ReturnUrl);
    }

    /// <summary>
    /// Ends the request: the authorization endpoint, resumed at the session's return URL,
    /// redirects to the app with <c>access_denied</c>.
    /// </summary>
    public IActionResult OnPostCancel() => CancelResult.For(this, interactions, Session, PageName);

    // The page is shown again with the message and a 400 status, so scripts see the failure too.
    private async Task<IActionResult> RejectAsync(InteractionSession session, string message, CancellationToken cancellationToken)
    {
        ErrorMessage = message;
        Choices = await LoadChoicesAsync(session, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // A patient persona may open only its own records; a practitioner may open any patient.
    private async Task<IReadOnlyList<PickerSearch.Choice>> LoadChoicesAsync(InteractionSession session, CancellationToken cancellationToken)
    {
        var persona = await FindPersonaAsync(session, cancellationToken);
        var ownPatientId = persona?.FhirUser.StartsWith("Patient/", StringComparison.Ordinal) == true
            ? persona.FhirUser["Patient/".Length..]
            : null;
        return await search.PatientsAsync(Request, persona?.OpenablePatientIds ?? [], ownPatientId, cancellationToken);
    }

    private async Task<Persona?> FindPersonaAsync(InteractionSession session, CancellationToken cancellationToken) =>
        session.Username is null ? null : await personas.FindAsync(session.Username, cancellationToken);
}
