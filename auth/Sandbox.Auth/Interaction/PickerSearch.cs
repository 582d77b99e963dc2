using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Search;
using Sandbox.Smart.Access;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// Looks up the choices of the patient and encounter pickers in the FHIR store, with an
/// unrestricted grant because the signed-in user is choosing, not the app.
/// </summary>
public sealed class PickerSearch(IServiceProvider services, IOptions<InteractionPageOptions> options)
{
    private const int MaxChoices = 100;

    /// <summary>A choice: the resource id and a label for people.</summary>
    public sealed record Choice(string Id, string Label);

    /// <summary>
    /// Lists patients, optionally only those with the given ids, sorted by family and given name
    /// as the EHR's patient list is. The patient <paramref name="firstId"/> names, such as the
    /// signed-in persona's own record, comes first, so a parent's own record is listed before
    /// their children's.
    /// </summary>
    public async Task<IReadOnlyList<Choice>> PatientsAsync(
        HttpRequest request,
        IReadOnlyList<string> onlyIds,
        string? firstId,
        CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("_sort", "family,given"),
            new("_count", $"{MaxChoices}"),
        };
        if (onlyIds.Count > 0)
            parameters.Add(new("_id", string.Join(',', onlyIds)));

        var patients = await SearchAsync<Patient>(request, parameters, cancellationToken);

        // OrderBy is stable, so the others keep the store's name order.
        return patients
            .OrderBy(patient => patient.Id == firstId ? 0 : 1)
            .Select(patient => new Choice(patient.Id!, DescribePatient(patient)))
            .ToList();
    }

    /// <summary>Lists the encounters of a patient, newest first, as the EHR's chart does.</summary>
    public async Task<IReadOnlyList<Choice>> EncountersAsync(HttpRequest request, string patientId, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("patient", patientId),
            new("_sort", "-date"),
            new("_count", $"{MaxChoices}"),
        };
        var encounters = await SearchAsync<Encounter>(request, parameters, cancellationToken);
        return encounters
            .OrderByDescending(StartOf)
            .Select(encounter => new Choice(encounter.Id!, DescribeEncounter(encounter)))
            .ToList();
    }

    private async Task<IReadOnlyList<T>> SearchAsync<T>(
        HttpRequest request,
        List<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
        where T : Resource
    {
        // The FHIR store registers the search service; without it the pickers offer typed ids only.
        var search = services.GetService<ISearchService>();
        if (search is null)
            return [];

        var type = ModelInfo.GetFhirTypeNameForType(typeof(T))!;
        var searchRequest = new SearchRequest(type, null, parameters, new Uri(SandboxUrls.FhirBase(request)), IsStrict: false, FhirAccessGrant.Unrestricted);
        var bundle = await search.SearchAsync(searchRequest, cancellationToken);
        return bundle.Entry
            .Select(entry => entry.Resource)
            .OfType<T>()
            .Where(resource => resource.Id is not null)
            .ToList();
    }

    private string DescribePatient(Patient patient)
    {
        var name = patient.Name.FirstOrDefault();
        var text = name is null ? patient.Id ?? "(no id)" : $"{string.Join(' ', name.Given)} {name.Family}".Trim();
        return patient.BirthDate is null ? text : $"{text}, born {DescribeDate(patient.BirthDate)}";
    }

    // A full date takes the pages' date format, and a year or a year and month stays as FHIR gives it.
    private string DescribeDate(string date) =>
        DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString(options.Value.DateFormat, CultureInfo.InvariantCulture)
            : date;

    private string DescribeEncounter(Encounter encounter)
    {
        var type = encounter.Type.FirstOrDefault()?.Text ?? encounter.Type.FirstOrDefault()?.Coding.FirstOrDefault()?.Display ?? "Encounter";
        if (StartOf(encounter) is not { } start)
            return $"{type} {encounter.Id}";

        var when = start.ToString(options.Value.DateTimeFormat, CultureInfo.InvariantCulture);
        return $"{type}, {when}";
    }

    // A start without a time zone is read as UTC, and one that does not parse sorts last.
    private static DateTimeOffset? StartOf(Encounter encounter) =>
        encounter.Period?.StartElement is { } start && start.TryToDateTimeOffset(TimeSpan.Zero, out var instant) ? instant : null;
}
