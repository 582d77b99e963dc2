using System.Globalization;
using Hl7.Fhir.Model;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Pages.Shared;
using Sandbox.EhrUi.Presentation;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.EhrUi.Pages.Chart;

public sealed partial class PatientChartModel
{
    private static readonly string PageSizeText = PageSize.ToString(CultureInfo.InvariantCulture);

    private Task LoadTabAsync(string id, Patient patient, string? cursor, CancellationToken cancellationToken)
    {
        if (Tab == ChartTab.Summary)
            return LoadSummaryAsync(id, patient, cancellationToken);
        if (Tab == ChartTab.Encounters)
            return LoadEncountersAsync(id, cursor, cancellationToken);
        if (Tab == ChartTab.Problems)
            return LoadProblemsAsync(id, cursor, cancellationToken);
        if (Tab == ChartTab.Medications)
            return LoadMedicationsAsync(id, cursor, cancellationToken);
        if (Tab == ChartTab.VitalsAndLabs)
            return LoadResultsAsync(id, cancellationToken);
        if (Tab == ChartTab.Immunizations)
            return LoadImmunizationsAsync(id, cursor, cancellationToken);
        if (Tab == ChartTab.Documents)
            return LoadDocumentsAsync(id, cursor, cancellationToken);

        // The allergies tab shows the rows the banner's search already read.
        return Task.CompletedTask;
    }

    private async Task LoadSummaryAsync(string id, Patient patient, CancellationToken cancellationToken)
    {
        Demographics = ChartRows.Demographics(patient);
        var parameters = Parameters(("_count", "200"));
        var conditions = await SearchAsync<Condition>(id, parameters, null, cancellationToken);
        Problems = ChartRows.Problems(conditions.Matches).Where(row => row.IsActive).ToList();
    }

    private async Task LoadEncountersAsync(string id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = Parameters(("_sort", "-date"), ("_count", PageSizeText));
        var page = await SearchAsync<Encounter>(id, parameters, cursor, cancellationToken);
        Encounters = ChartRows.Encounters(page.Matches);
        SetPager(page);
    }

    private async Task LoadProblemsAsync(string id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = Parameters(("_sort", "-onset-date"), ("_count", PageSizeText));
        var page = await SearchAsync<Condition>(id, parameters, cursor, cancellationToken);
        Problems = ChartRows.Problems(page.Matches);
        SetPager(page);
    }

    private async Task LoadMedicationsAsync(string id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = Parameters(
            ("_include", "MedicationRequest:medication"),
            ("_include", "MedicationRequest:requester"),
            ("_sort", "-authoredon"),
            ("_count", PageSizeText));
        var page = await SearchAsync<MedicationRequest>(id, parameters, cursor, cancellationToken);
        Medications = ChartRows.Medications(page.Matches, page.Included);
        SetPager(page);
    }

    private async Task LoadResultsAsync(string id, CancellationToken cancellationToken)
    {
        var parameters = Parameters(
            ("category", "vital-signs,laboratory"),
            ("_sort", "-date"),
            ("_count", MaxResults.ToString(CultureInfo.InvariantCulture)));
        var page = await SearchAsync<Observation>(id, parameters, null, cancellationToken);
        Results = ResultsOverviewBuilder.Build(page.Matches);
        ResultsTruncated = page.NextQuery is not null;
    }

    private async Task LoadImmunizationsAsync(string id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = Parameters(("_sort", "-date"), ("_count", PageSizeText));
        var page = await SearchAsync<Immunization>(id, parameters, cursor, cancellationToken);
        Immunizations = ChartRows.Immunizations(page.Matches);
        SetPager(page);
    }

    private async Task LoadDocumentsAsync(string id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = Parameters(("_sort", "-date"), ("_count", PageSizeText));
        var page = await SearchAsync<DocumentReference>(id, parameters, cursor, cancellationToken);
        Documents = ChartRows.Documents(page.Matches);
        SetPager(page);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> AllergyParameters() => Parameters(("_count", "100"));

    /// <summary>
    /// Searches the patient's compartment. A cursor (the query of a paging link) replaces
    /// the parameters, so the next page repeats the same search.
    /// </summary>
    private Task<SearchPage<T>> SearchAsync<T>(
        string patientId,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string? cursor,
        CancellationToken cancellationToken)
        where T : Resource
    {
        var effective = cursor is null ? parameters : SearchQuery.Parse(cursor);
        var compartment = $"Patient/{patientId}";
        return reader.SearchAsync<T>(compartment, effective, FhirBaseUrl.For(Request), cancellationToken);
    }

    private void SetPager<T>(SearchPage<T> page)
        where T : Resource
    {
        Pager = new PagerLinks(CursorUrl(page.PreviousQuery), CursorUrl(page.NextQuery));
    }

    private string? CursorUrl(string? cursor)
    {
        if (cursor is null)
            return null;

        var separator = EncounterId is null ? '?' : '&';
        return $"{TabUrl(Tab)}{separator}cursor={Uri.EscapeDataString(cursor)}";
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Parameters(params (string Name, string Value)[] pairs) =>
        pairs.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)).ToList();
}
