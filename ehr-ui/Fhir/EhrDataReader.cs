using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.EhrUi.Fhir;

/// <summary>
/// Reads resources and runs searches for the EHR pages, with full access: the EHR user
/// sees every record, as a clinician in a real EHR would.
/// </summary>
public sealed partial class EhrDataReader(ISearchService searchService, IResourceStore resourceStore)
{
    /// <summary>Reads the current version of a resource, or null when the id is invalid, unknown or deleted.</summary>
    public async Task<T?> ReadAsync<T>(string id, CancellationToken cancellationToken)
        where T : Resource
    {
        if (!IsValidId(id))
            return null;

        var type = ModelInfo.GetFhirTypeNameForType(typeof(T))
            ?? throw new ArgumentException($"{typeof(T).Name} is not a FHIR resource type.", nameof(T));
        var stored = await resourceStore.ReadAsync(type, id, cancellationToken);
        if (stored is null || stored.IsDeleted)
            return null;

        return FhirJson.Deserialize<T>(stored.Json.Span);
    }

    /// <summary>Runs a search of resources of type <typeparamref name="T"/> and returns one page.</summary>
    /// <param name="compartment">A compartment such as <c>Patient/123</c>, or null for a type-level search.</param>
    /// <param name="parameters">The search parameters.</param>
    /// <param name="fhirBaseUrl">The public FHIR base URL that paging links start with.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="Sandbox.FhirStore.FhirOperationException">The store rejected the search.</exception>
    public async Task<SearchPage<T>> SearchAsync<T>(
        string? compartment,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        Uri fhirBaseUrl,
        CancellationToken cancellationToken)
        where T : Resource
    {
        var type = ModelInfo.GetFhirTypeNameForType(typeof(T));
        var request = new SearchRequest(
            type,
            compartment,
            parameters,
            fhirBaseUrl,
            IsStrict: false,
            FhirAccessGrant.Unrestricted);
        var bundle = await searchService.SearchAsync(request, cancellationToken);
        return SearchPage<T>.FromBundle(bundle);
    }

    /// <summary>Checks a resource id against the FHIR R4 id rule: 1 to 64 letters, digits, '-' and '.'.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
