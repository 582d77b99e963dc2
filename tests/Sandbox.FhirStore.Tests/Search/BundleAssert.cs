using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>Reads the parts of a searchset Bundle that tests check.</summary>
internal static class BundleAssert
{
    /// <summary>Returns the ids of the entries with search mode match, in order.</summary>
    public static List<string> MatchIds(Bundle bundle) =>
        bundle.Entry.Where(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Select(entry => entry.Resource!.Id!).ToList();

    /// <summary>Returns <c>Type/id</c> of the entries with search mode include, sorted.</summary>
    public static List<string> IncludedReferences(Bundle bundle) =>
        bundle.Entry.Where(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Include)
            .Select(entry => entry.Resource!.TypeName + "/" + entry.Resource.Id)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Returns the sorted match ids, for searches whose order does not matter.</summary>
    public static List<string> SortedMatchIds(Bundle bundle) => MatchIds(bundle).Order(StringComparer.Ordinal).ToList();

    public static OperationOutcome? Outcome(Bundle bundle) =>
        bundle.Entry.FirstOrDefault(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Outcome)?.Resource as OperationOutcome;

    public static string? Link(Bundle bundle, string relation) => bundle.Link.FirstOrDefault(link => link.Relation == relation)?.Url;
}
