using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Search.Parsing;
using Resource = Hl7.Fhir.Model.Resource;

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
                Resource = Shape(row.Body, page.Options),
                Search = new Bundle.SearchComponent { Mode = mode },
            });
        }
    }

    /// <summary>Deserializes a stored body, reduced to the elements <c>_summary</c> or <c>_elements</c> ask for.</summary>
    /// <remarks>
    /// Stored bodies are parsed without validating primitive values, because an import stores
    /// values as the data carries them, and one invalid date must not fail the whole page.
    /// </remarks>
    private static Resource Shape(byte[] body, SearchResultOptions options)
    {
        var resource = Formats.FhirSerializer.ParseTrustedJson(body);
        var filter = CreateFilter(options);
        if (filter is null)
            return resource;

        var writeOptions = new JsonSerializerOptions().ForFhir(
            ModelInfo.ModelInspector,
            new FhirJsonConverterOptions { SummaryFilterFactory = filter });
        var reduced = Formats.FhirSerializer.ParseTrustedJson(JsonSerializer.SerializeToUtf8Bytes(resource, writeOptions));
        reduced.Meta ??= new Meta();
        reduced.Meta.Tag.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "SUBSETTED"));
        return reduced;
    }

    private static Func<SerializationFilter>? CreateFilter(SearchResultOptions options) => options.Summary switch
    {
        SummaryMode.True => SerializationFilter.ForSummary,
        SummaryMode.Text => SerializationFilter.ForText,
        SummaryMode.Data => SerializationFilter.ForData,
        _ when options.Elements.Count > 0 => () => SerializationFilter.ForElements([.. options.Elements]),
        _ => null,
    };

    internal static OperationOutcome CreateOutcome(IEnumerable<UnsupportedParameter> issues) => new()
    {
        Issue = issues.Select(issue => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = OperationOutcome.IssueType.NotSupported,
            Diagnostics = $"The search parameter '{issue.Name}' was ignored: {issue.Reason}",
            Expression = [issue.Name],
        }).ToList(),
    };
}
