using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Search;
using Sandbox.Smart.Access;

namespace Sandbox.Auth.Interaction;

/// <summary>
/// Looks up the choices of the patient and encounter pickers in the FHIR store, with an
/// unrestricted grant because the signed-in user is choosing, not the app.
/// </summary>
public sealed class PickerSearch(IServiceProvider services)
{
    private const int MaxChoices = 100;

    /// <summary>A choice: the resource id and a label for people.</summary>
    public sealed record Choice(string Id, string Label);

    /// <summary>Lists patients, optionally only those with the given ids.</summary>
    public Task<IReadOnlyList<Choice>> PatientsAsync(HttpRequest request, IReadOnlyList<string> onlyIds, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("_count", $"{MaxChoices}") };
        if (onlyIds.Count > 0)
            parameters.Add(new("_id", string.Join(',', onlyIds)));

        return SearchAsync(request, "Patient", parameters, resource => DescribePatient((Patient)resource), cancellationToken);
    }

    /// <summary>Lists the encounters of a patient.</summary>
    public Task<IReadOnlyList<Choice>> EncountersAsync(HttpRequest request, string patientId, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("patient", patientId), new("_count", $"{MaxChoices}") };
        return SearchAsync(request, "Encounter", parameters, resource => DescribeEncounter((Encounter)resource), cancellationToken);
    }

    private async Task<IReadOnlyList<Choice>> SearchAsync(
        HttpRequest request,
        string type,
        List<KeyValuePair<string, string>> parameters,
        Func<Resource, string> describe,
        CancellationToken cancellationToken)
    {
        // The FHIR store registers the search service; without it the pickers offer typed ids only.
        var search = services.GetService<ISearchService>();
        if (search is null)
            return [];

        var searchRequest = new SearchRequest(type, null, parameters, new Uri(SandboxUrls.FhirBase(request)), IsStrict: false, FhirAccessGrant.Unrestricted);
        var bundle = await search.SearchAsync(searchRequest, cancellationToken);
        return bundle.Entry
            .Select(entry => entry.Resource)
            .OfType<Resource>()
            .Where(resource => resource.TypeName == type && resource.Id is not null)
            .Select(resource => new Choice(resource.Id!, describe(resource)))
            .ToList();
    }

    private static string DescribePatient(Patient patient)
    {
        var name = patient.Name.FirstOrDefault();
        var text = name is null ? patient.Id ?? "(no id)" : $"{string.Join(' ', name.Given)} {name.Family}".Trim();
        return patient.BirthDate is null ? text : $"{text}, born {patient.BirthDate}";
    }

    private static string DescribeEncounter(Encounter encounter)
    {
        var type = encounter.Type.FirstOrDefault()?.Text ?? encounter.Type.FirstOrDefault()?.Coding.FirstOrDefault()?.Display ?? "Encounter";
        return encounter.Period?.Start is { } start ? $"{type}, {start}" : $"{type} {encounter.Id}";
    }
}
