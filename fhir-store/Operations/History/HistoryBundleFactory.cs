using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.FhirStore.Operations.Bundles;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.History;

/// <summary>
/// Builds history Bundles with their paging links, for the history interactions and for
/// history entries of a batch, so both page the same way.
/// </summary>
internal static class HistoryBundleFactory
{
    /// <param name="page">The versions to show and where the next page starts.</param>
    /// <param name="query">The parsed request, for <c>_count</c>.</param>
    /// <param name="baseUrl">The public FHIR base URL, without a trailing slash.</param>
    /// <param name="path">The history path relative to the base, such as <c>Patient/123/_history</c>.</param>
    /// <param name="parameters">The request parameters; links keep those in <see cref="HistoryParameters.LinkParameters"/>.</param>
    public static Bundle Create(
        HistoryPage page,
        HistoryQuery query,
        string baseUrl,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.History, Id = ResourceTypes.NewId() };
        var kept = parameters
            .Where(parameter => HistoryParameters.LinkParameters.Contains(parameter.Key))
            .Append(new("_count", query.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        var pageToken = HistoryParameters.Value(parameters, HistoryParameters.PageParameter);
        var self = pageToken.Length == 0 ? kept : [.. kept, new(HistoryParameters.PageParameter, pageToken)];
        AddLink(bundle, "self", Link(baseUrl, path, self));
        AddLink(bundle, "first", Link(baseUrl, path, kept));
        if (page.HasPrevious)
        {
            var previousParameters = page.PreviousAfter is { } previousAfter
                ? kept.Append(new(HistoryParameters.PageParameter, HistoryPageToken.Format(previousAfter)))
                : kept;
            AddLink(bundle, "previous", Link(baseUrl, path, previousParameters));
        }

        if (page.Next is { } next)
        {
            var nextParameters = kept.Append(new(HistoryParameters.PageParameter, HistoryPageToken.Format(next)));
            AddLink(bundle, "next", Link(baseUrl, path, nextParameters));
        }

        foreach (var version in page.Versions)
            bundle.Entry.Add(HistoryEntries.ToEntry(version, baseUrl));

        if (HistoryParameters.IsCountLowered(parameters, query))
            bundle.Entry.Add(CountLoweredEntry(query, path, self));

        return bundle;
    }

    /// <summary>
    /// Creates the entry that warns of a lowered <c>_count</c>. A history Bundle has no place
    /// for issues in R4, and each entry needs a request and a response, so the warning is the
    /// result of the history request itself, as search returns it in an outcome entry.
    /// </summary>
    private static Bundle.EntryComponent CountLoweredEntry(
        HistoryQuery query,
        string path,
        IEnumerable<KeyValuePair<string, string>> parameters) =>
        new()
        {
            FullUrl = $"urn:uuid:{Guid.NewGuid()}",
            Resource = OperationOutcomes.Create(
                OperationOutcome.IssueSeverity.Warning,
                OperationOutcome.IssueType.NotSupported,
                $"The requested _count is larger than the maximum page size, so each page holds at most {query.Count} entries.",
                "_count",
                null),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = Link(string.Empty, path, parameters)[1..] },
            Response = new Bundle.ResponseComponent { Status = BundleResponses.StatusText(System.Net.HttpStatusCode.OK) },
        };

    private static string Link(string baseUrl, string path, IEnumerable<KeyValuePair<string, string>> parameters) =>
        QueryHelpers.AddQueryString(
            $"{baseUrl}/{path}",
            parameters.Select(parameter => new KeyValuePair<string, string?>(parameter.Key, parameter.Value)));

    private static void AddLink(Bundle bundle, string relation, string url) =>
        bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });
}
