using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Personas;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>The patient picker of a standalone launch that requests <c>launch/patient</c>.</summary>
public sealed class PatientPickerModel(InteractionStore interactions, IPersonaStore personas, PickerSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Session { get; set; }

    public IReadOnlyList<PickerSearch.Choice> Choices { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        Choices = await search.PatientsAsync(Request, await AllowedPatientsAsync(session, cancellationToken), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? patientId, CancellationToken cancellationToken)
    {
        var session = interactions.FindUnfinished(Session, HttpContext);
        if (session is null)
            return SessionEndedResult.For(this, interactions, Session);

        if (string.IsNullOrWhiteSpace(patientId))
            return await RejectAsync(session, "No patient was chosen. Choose one of the patients listed.", cancellationToken);

        var allowed = await AllowedPatientsAsync(session, cancellationToken);
        if (allowed.Count > 0 && !allowed.Contains(patientId))
            return await RejectAsync(session, $"The signed-in persona may not open patient '{patientId}'. Choose one of the patients listed.", cancellationToken);

        var found = await search.PatientsAsync(Request, [patientId], cancellationToken);
        if (!found.Any(choice => choice.Id == patientId))
            return await RejectAsync(session, $"Patient '{patientId}' does not exist in the FHIR store. Choose one of the patients listed.", cancellationToken);

        session.PatientId = patientId;
        return LocalRedirect(session.ReturnUrl);
    }

    // The page is shown again with the message and a 400 status, so scripts see the failure too.
    private async Task<IActionResult> RejectAsync(InteractionSession session, string message, CancellationToken cancellationToken)
    {
        ErrorMessage = message;
        Choices = await search.PatientsAsync(Request, await AllowedPatientsAsync(session, cancellationToken), cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // A patient persona may open only its own records; a practitioner may open any patient.
    private async Task<IReadOnlyList<string>> AllowedPatientsAsync(InteractionSession session, CancellationToken cancellationToken)
    {
        var persona = session.Username is null ? null : await personas.FindAsync(session.Username, cancellationToken);
        return persona?.OpenablePatientIds ?? [];
    }
}
