using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Presentation;
using Sandbox.EhrUi.Security;
using Sandbox.FhirStore;
using Patient = Hl7.Fhir.Model.Patient;

namespace Sandbox.EhrUi.Pages.Patients;

/// <summary>The patient list: search by name, MRN or birth date, page through results, reopen recent patients.</summary>
public sealed class PatientListModel(
    EhrDataReader reader,
    PatientBannerBuilder bannerBuilder,
    RecentPatientsCookie recentPatientsCookie,
    ILogger<PatientListModel> logger) : PageModel
{
    /// <summary>The number of patients on one page of results.</summary>
    public const int PageSize = 20;

    /// <summary>Part of a patient's name, searched with the FHIR <c>name</c> parameter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    /// <summary>A medical record number, searched with the FHIR <c>identifier</c> parameter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Mrn { get; set; }

    /// <summary>A birth date as yyyy-MM-dd, searched with the FHIR <c>birthdate</c> parameter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? BirthDate { get; set; }

    /// <summary>The query string of a paging link of an earlier result page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<PatientBanner> Patients { get; private set; } = [];

    public IReadOnlyList<RecentPatient> RecentPatients { get; private set; } = [];

    public int? Total { get; private set; }

    public string? NextCursor { get; private set; }

    public string? PreviousCursor { get; private set; }

    public string? ErrorMessage { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>True for a practitioner persona, false for a patient persona that opens only its own charts.</summary>
    public bool MayOpenEveryPatient { get; private set; }

    public bool HasCriteria =>
        !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(Mrn) || !string.IsNullOrWhiteSpace(BirthDate);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var openable = OpenablePatients.Get(HttpContext);
        MayOpenEveryPatient = openable is null;
        RecentPatients = recentPatientsCookie.Read(Request);
        if (openable is not null)
            RecentPatients = [.. RecentPatients.Where(recent => openable.Contains(recent.Id, StringComparer.Ordinal))];

        RecentPatients = await KeepStoredAsync(RecentPatients, cancellationToken);

        if (!string.IsNullOrWhiteSpace(BirthDate) && !IsIsoDate(BirthDate))
        {
            ErrorMessage = $"The birth date '{BirthDate}' is invalid: enter it as year-month-day, such as 1984-03-27.";
            return;
        }

        var parameters = Cursor is null ? BuildSearchParameters(Name, Mrn, BirthDate) : SearchQuery.Parse(Cursor);
        if (openable is not null)
            parameters = LimitToPatients(parameters, openable);

        try
        {
            var page = await reader.SearchAsync<Patient>(null, parameters, FhirBaseUrl.For(Request), cancellationToken);
            Patients = page.Matches.Select(patient => bannerBuilder.Build(patient, [], null)).ToList();
            Total = page.Total;
            NextCursor = page.NextQuery;
            PreviousCursor = page.PreviousQuery;
            Warnings = page.Warnings;
        }
        catch (FhirOperationException exception)
        {
            Log.SearchRejected(logger, "patient list", exception.Message);
            ErrorMessage = $"The patient search failed: {exception.Message} (trace id {HttpContext.TraceIdentifier})";
        }
    }

    public IActionResult OnPostClearRecent()
    {
        recentPatientsCookie.Clear(HttpContext);
        return RedirectToPage();
    }

    /// <summary>Builds the FHIR Patient search for the form's fields. Empty fields are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildSearchParameters(
        string? name,
        string? mrn,
        string? birthDate)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(name))
            parameters.Add(new("name", name.Trim()));
        if (!string.IsNullOrWhiteSpace(mrn))
            parameters.Add(new("identifier", mrn.Trim()));
        if (!string.IsNullOrWhiteSpace(birthDate))
            parameters.Add(new("birthdate", birthDate.Trim()));

        parameters.Add(new("_sort", "family,given"));
        parameters.Add(new("_count", PageSize.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    // The cookie outlives a store reset or a deleted record, so the list keeps only the
    // patients that the store still contains, found with one search by _id.
    private async Task<IReadOnlyList<RecentPatient>> KeepStoredAsync(
        IReadOnlyList<RecentPatient> recent,
        CancellationToken cancellationToken)
    {
        if (recent.Count == 0)
            return recent;

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("_id", string.Join(',', recent.Select(patient => patient.Id))),
            new("_elements", "id"),
            new("_count", recent.Count.ToString(CultureInfo.InvariantCulture)),
        };
        try
        {
            var page = await reader.SearchAsync<Patient>(null, parameters, FhirBaseUrl.For(Request), cancellationToken);
            var stored = page.Matches.Select(patient => patient.Id).ToHashSet(StringComparer.Ordinal);
            return [.. recent.Where(patient => stored.Contains(patient.Id))];
        }
        catch (FhirOperationException exception)
        {
            Log.SearchRejected(logger, "recent patients", exception.Message);
            return recent;
        }
    }

    // A patient persona sees only the patients it may open. A repeated _id is ANDed with any
    // _id a paging cursor already carries, so a crafted cursor cannot widen the list.
    private static IReadOnlyList<KeyValuePair<string, string>> LimitToPatients(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<string> patientIds)
    {
        var limit = patientIds.Count > 0 ? string.Join(',', patientIds) : "none";
        return [.. parameters, new("_id", limit)];
    }

    private static bool IsIsoDate(string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
