using Hl7.Fhir.Model;
using Sandbox.EhrUi.Fhir;

namespace Sandbox.EhrUi.Tests.Fhir;

public sealed class SearchPageTests
{
    [Fact]
    public void FromBundle_Entries_SplitByMode()
    {
        var bundle = Searchset();

        var page = SearchPage<MedicationRequest>.FromBundle(bundle);

        Assert.Equal(["m1"], page.Matches.Select(m => m.Id));
        Assert.Equal(["med-1"], page.Included.Select(r => r.Id));
        Assert.Equal(["Parameter '_sort' was not used."], page.Warnings);
        Assert.Equal(7, page.Total);
    }

    [Fact]
    public void FromBundle_NextLink_GivesQuery()
    {
        var bundle = Searchset();

        var page = SearchPage<MedicationRequest>.FromBundle(bundle);

        Assert.Equal("_count=1&_offset=1&name=a%20b", page.NextQuery);
        Assert.Null(page.PreviousQuery);
    }

    [Fact]
    public void Parse_LinkQuery_DecodesInOrder()
    {
        var parameters = SearchQuery.Parse("?name=a%20b&_count=1&name=c+d&flag");

        Assert.Equal(
            [new("name", "a b"), new("_count", "1"), new("name", "c d"), new("flag", string.Empty)],
            parameters);
    }

    [Fact]
    public void Parse_Empty_ReturnsNothing()
    {
        Assert.Empty(SearchQuery.Parse(null));
        Assert.Empty(SearchQuery.Parse(string.Empty));
    }

    private static Bundle Searchset()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = 7 };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = "http://h/fhir/MedicationRequest?_count=1" });
        bundle.Link.Add(new Bundle.LinkComponent
        {
            Relation = "next",
            Url = "http://h/fhir/MedicationRequest?_count=1&_offset=1&name=a%20b",
        });
        bundle.Entry.Add(Entry(new MedicationRequest { Id = "m1" }, Bundle.SearchEntryMode.Match));
        bundle.Entry.Add(Entry(new Medication { Id = "med-1" }, Bundle.SearchEntryMode.Include));
        var outcome = new OperationOutcome();
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = OperationOutcome.IssueType.NotSupported,
            Diagnostics = "Parameter '_sort' was not used.",
        });
        bundle.Entry.Add(Entry(outcome, Bundle.SearchEntryMode.Outcome));
        return bundle;
    }

    private static Bundle.EntryComponent Entry(Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };
}
