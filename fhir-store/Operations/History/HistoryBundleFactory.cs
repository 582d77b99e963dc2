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

        var warnings = Warnings(parameters, query).ToList();
        if (warnings.Count > 0)
            bundle.Entry.Add(WarningEntry(warnings, path, self));

        return bundle;
    }

    private static IEnumerable<OperationOutcome.IssueComponent> Warnings(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        HistoryQuery query)
    {
        foreach (var name in HistoryParameters.FindUnknown(parameters))
            yield return Warning($"The history parameter '{name}' was ignored: {HistoryParameters.UnknownReason}", name);

        if (HistoryParameters.IsCountLowered(parameters, query))
        {
            yield return Warning(
                $"The requested _count is larger than the maximum page size, so each page holds at most {query.Count} entries.",
                "_count");
        }
    }

    private static OperationOutcome.IssueComponent Warning(string diagnostics, string parameter) =>
        new()
        {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = OperationOutcome.IssueType.NotSupported,
            Diagnostics = OperationOutcomes.EscapeNonXmlCharacters(diagnostics),
            Expression = [OperationOutcomes.EscapeNonXmlCharacters(parameter)],
        };

    /// <summary>
    /// Creates the entry that carries the warnings about the request itself. R4 gives a history
    /// Bundle no element for issues (R5 adds Bundle.issues) and allows <c>search.mode =
    /// outcome</c> in searchsets only, while each history entry needs a request and a response.
    /// So the warnings go in <c>response.outcome</c> of an entry without a resource whose
    /// request is the history GET itself. Every version entry records a POST, PUT, PATCH or
    /// DELETE, and clients that collect <c>entry.resource</c> skip this entry, so it is never
    /// read as a version.
    /// </summary>
    private static Bundle.EntryComponent WarningEntry(
        IEnumerable<OperationOutcome.IssueComponent> warnings,
        string path,
        IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.AddRange(warnings);
        return new Bundle.EntryComponent
        {
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = Link(string.Empty, path, parameters)[1..] },
            Response = new Bundle.ResponseComponent
            {
                Status = BundleResponses.StatusText(System.Net.HttpStatusCode.OK),
                Outcome = outcome,
            },
        };
    }

    private static string Link(string baseUrl, string path, IEnumerable<KeyValuePair<string, string>> parameters) =>
        QueryHelpers.AddQueryString(
            $"{baseUrl}/{path}",
            parameters.Select(parameter => new KeyValuePair<string, string?>(parameter.Key, parameter.Value)));

    private static void AddLink(Bundle bundle, string relation, string url) =>
        bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });
}
