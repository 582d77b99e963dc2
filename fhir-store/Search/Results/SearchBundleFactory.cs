using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>Builds the searchset Bundle: entries with their search mode, the total, the links and the outcome entry.</summary>
internal static class SearchBundleFactory
{
    public static Bundle Create(SearchPage page)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Id = Guid.NewGuid().ToString("n") };
        if (page.Options.Total != TotalMode.None || page.Options.Summary == SummaryMode.Count)
            bundle.Total = page.Total;

        foreach (var (relation, url) in page.Links)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });

        if (page.Options.Summary != SummaryMode.Count)
        {
            AddEntries(bundle, page, page.Matches, Bundle.SearchEntryMode.Match);
            AddEntries(bundle, page, page.Included, Bundle.SearchEntryMode.Include);
        }

        if (page.Issues.Count > 0)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = CreateOutcome(page.Issues),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }

        return bundle;
    }

    private static void AddEntries(Bundle bundle, SearchPage page, IEnumerable<ResourceRow> rows, Bundle.SearchEntryMode mode)
    {
        foreach (var row in rows)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{page.BaseUrl}/{row.Type}/{row.Id}",
                Resource = ResourceShaper.Shape(row.Body, page.Options),
                Search = new Bundle.SearchComponent { Mode = mode },
            });
        }
    }

    internal static OperationOutcome CreateOutcome(IEnumerable<UnsupportedParameter> issues) => new()
    {
        Issue = issues.Select(issue => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = OperationOutcome.IssueType.NotSupported,
            Diagnostics = OperationOutcomes.EscapeNonXmlCharacters(
                issue.Diagnostics ?? $"The search parameter '{issue.Name}' was ignored: {issue.Reason}"),
            Expression = [OperationOutcomes.EscapeNonXmlCharacters(issue.Name)],
        }).ToList(),
    };
}
