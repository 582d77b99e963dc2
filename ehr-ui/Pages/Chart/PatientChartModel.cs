using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Pages.Patients;
using Sandbox.EhrUi.Pages.Shared;
using Sandbox.EhrUi.Presentation;
using Sandbox.FhirStore;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.EhrUi.Pages.Chart;

/// <summary>
/// The patient chart: the banner, the chosen encounter and one tab. Each request reads the
/// patient and the chosen encounter, searches the patient's allergies for the banner, and
/// runs at most one search for the tab's data. Without <c>?encounter=</c>, the chart shows
/// the encounter chosen last for this patient in the EHR session.
/// </summary>
public sealed partial class PatientChartModel(
    EhrDataReader reader,
    PatientBannerBuilder bannerBuilder,
    RecentPatientsCookie recentPatientsCookie,
    ChosenEncounterCookie chosenEncounterCookie,
    ILogger<PatientChartModel> logger) : PageModel
{
    /// <summary>The number of rows on one page of a paged tab.</summary>
    public const int PageSize = 50;

    /// <summary>The maximum number of results the vitals and labs tab reads for its tables and trends.</summary>
    public const int MaxResults = 1000;

    public ChartTab Tab { get; private set; } = ChartTab.Summary;

    public PatientBanner Banner { get; private set; } = null!;

    /// <summary>The id of the chosen encounter, carried from tab to tab in the query string.</summary>
    public string? EncounterId { get; private set; }

    /// <summary>True when the request named no encounter and the chart restored the one chosen earlier.</summary>
    public bool EncounterRestored { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Demographics { get; private set; } = [];

    public IReadOnlyList<AllergyRow> Allergies { get; private set; } = [];

    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];

    public IReadOnlyList<MedicationRow> Medications { get; private set; } = [];

    public IReadOnlyList<EncounterRow> Encounters { get; private set; } = [];

    public IReadOnlyList<ImmunizationRow> Immunizations { get; private set; } = [];

    public IReadOnlyList<DocumentRow> Documents { get; private set; } = [];

    public ResultsOverview Results { get; private set; } = new([], []);

    /// <summary>True when the vitals and labs tab holds only the newest <see cref="MaxResults"/> results.</summary>
    public bool ResultsTruncated { get; private set; }

    public PagerLinks Pager { get; private set; } = new(null, null);

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string id,
        string? tab,
        [FromQuery] string? encounter,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        var chosenTab = ChartTab.Find(tab);
        if (chosenTab is null)
            return NotFound();

        var patient = await reader.ReadAsync<Patient>(id, cancellationToken);
        if (patient is null)
            return NotFound();

        Tab = chosenTab;
        try
        {
            var allergies = await SearchAsync<AllergyIntolerance>(id, AllergyParameters(), null, cancellationToken);
            var chosenEncounter = await ChooseEncounterAsync(id, encounter, cancellationToken);
            Banner = bannerBuilder.Build(patient, allergies.Matches, chosenEncounter);
            Allergies = ChartRows.Allergies(allergies.Matches);
            await LoadTabAsync(id, patient, cursor, cancellationToken);
        }
        catch (FhirOperationException exception)
        {
            Log.SearchRejected(logger, $"chart {Tab.Slug}", exception.Message);
            Banner ??= bannerBuilder.Build(patient, [], null);
            ErrorMessage = $"The chart could not be loaded: {exception.Message} (trace id {HttpContext.TraceIdentifier})";
        }

        var recent = new RecentPatient(id, Banner.Name, Banner.BirthDate);
        recentPatientsCookie.Remember(HttpContext, recent);
        return Page();
    }

    /// <summary>Returns the URL of a tab of this chart, keeping the chosen encounter.</summary>
    public string TabUrl(ChartTab tab, string? encounterId = null) =>
        ChartUrl(Banner.PatientId, tab, encounterId ?? EncounterId);

    /// <summary>Returns the URL of a chart tab, with the chosen encounter when there is one.</summary>
    public static string ChartUrl(string patientId, ChartTab tab, string? encounterId)
    {
        var url = $"/patients/{Uri.EscapeDataString(patientId)}/{tab.Slug}";
        return encounterId is null ? url : $"{url}?encounter={Uri.EscapeDataString(encounterId)}";
    }

    // An encounter query parameter, even an empty one, replaces the remembered choice. A valid
    // encounter is remembered, and anything else removes the remembered one. Without the
    // parameter, the remembered encounter is restored unless it no longer belongs to the patient.
    private async Task<Encounter?> ChooseEncounterAsync(string patientId, string? requestedId, CancellationToken cancellationToken)
    {
        if (Request.Query.ContainsKey("encounter"))
        {
            var requested = await ReadEncounterAsync(patientId, requestedId, cancellationToken);
            chosenEncounterCookie.Set(HttpContext, patientId, requested?.Id);
            return requested;
        }

        var rememberedId = chosenEncounterCookie.Find(HttpContext, patientId);
        if (rememberedId is null)
            return null;

        var remembered = await reader.ReadAsync<Encounter>(rememberedId, cancellationToken);
        if (remembered is null || !IsSubject(remembered.Subject, patientId))
        {
            Log.ChosenEncounterGone(logger, rememberedId, patientId);
            chosenEncounterCookie.Set(HttpContext, patientId, null);
            return null;
        }

        EncounterId = remembered.Id;
        EncounterRestored = true;
        return remembered;
    }

    private async Task<Encounter?> ReadEncounterAsync(
        string patientId,
        string? encounterId,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(encounterId))
            return null;

        var encounter = await reader.ReadAsync<Encounter>(encounterId, cancellationToken);
        if (encounter is null || !IsSubject(encounter.Subject, patientId))
        {
            Log.EncounterNotInChart(logger, encounterId, patientId);
            ErrorMessage = $"Encounter '{encounterId}' is not an encounter of this patient, so none is chosen.";
            return null;
        }

        EncounterId = encounter.Id;
        return encounter;
    }

    private static bool IsSubject(ResourceReference? subject, string patientId)
    {
        var reference = subject?.Reference;
        var local = $"Patient/{patientId}";
        return reference is not null && (reference == local || reference.EndsWith("/" + local, StringComparison.Ordinal));
    }
}
