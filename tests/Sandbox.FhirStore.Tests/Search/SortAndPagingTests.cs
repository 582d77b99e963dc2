using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class SortAndPagingTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        var observations = Enumerable.Range(1, 12).Select(day => new Observation
        {
            Id = $"o{day:00}",
            Status = day % 2 == 0 ? ObservationStatus.Final : ObservationStatus.Amended,
            Code = new CodeableConcept("http://loinc.org", "8867-4"),
            Subject = new ResourceReference("Patient/p1"),
            Effective = new FhirDateTime($"2024-01-{day:00}T08:00:00Z"),
        });
        await _store.SaveAsync([new Patient { Id = "p1" }, .. observations]);
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Sort_DescendingDate_NewestFirst()
    {
        var bundle = await _store.SearchAsync("Observation", "patient=p1&_sort=-date&_count=3");

        Assert.Equal(["o12", "o11", "o10"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Sort_TwoKeys_OrdersByBoth()
    {
        var bundle = await _store.SearchAsync("Observation", "_sort=status,-date&_count=4");

        Assert.Equal(["o11", "o09", "o07", "o05"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Sort_UnknownKey_ReportedAndIgnored()
    {
        var bundle = await _store.SearchAsync("Observation", "_sort=nonsense&_count=2");

        Assert.NotNull(BundleAssert.Outcome(bundle));
        Assert.DoesNotContain("_sort", BundleAssert.Link(bundle, "self"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_NextLinks_VisitEveryMatchOnce()
    {
        var first = await _store.SearchAsync("Observation", "_sort=date&_count=5");

        var seen = BundleAssert.MatchIds(first);
        var next = BundleAssert.Link(first, "next");
        while (next is not null)
        {
            var page = await _store.FollowAsync(next);
            seen.AddRange(BundleAssert.MatchIds(page));
            next = BundleAssert.Link(page, "next");
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(day => $"o{day:00}"), seen);
        Assert.Equal(12, first.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_WritesBetweenPages_NoSkipOrRepeat()
    {
        var first = await _store.SearchAsync("Observation", "_sort=-date&_count=5");
        await _store.SaveAsync(new Observation
        {
            Id = "o-new",
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "8867-4"),
            Effective = new FhirDateTime("2025-01-01T00:00:00Z"),
        });

        var second = await _store.FollowAsync(BundleAssert.Link(first, "next")!);

        Assert.Equal(["o07", "o06", "o05", "o04", "o03"], BundleAssert.MatchIds(second));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_DeletedBetweenPages_LeftOut()
    {
        var first = await _store.SearchAsync("Observation", "_sort=date&_count=5");
        await _store.DeleteAsync("Observation", "o06");

        var second = await _store.FollowAsync(BundleAssert.Link(first, "next")!);

        Assert.Equal(["o07", "o08", "o09", "o10"], BundleAssert.MatchIds(second));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_Links_AbsoluteOnBaseAndShort()
    {
        var bundle = await _store.SearchAsync("Observation", "patient=p1&code=http://loinc.org|8867-4&_sort=-date&_count=5");

        var next = BundleAssert.Link(bundle, "next")!;
        Assert.StartsWith("http://sandbox.test/fhir/Observation?_cursor=", next);
        Assert.DoesNotContain("loinc", next);
        Assert.StartsWith("http://sandbox.test/fhir/Observation?patient=p1&code=", BundleAssert.Link(bundle, "self"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_SecondPage_HasPreviousLink()
    {
        var first = await _store.SearchAsync("Observation", "_count=5");

        var second = await _store.FollowAsync(BundleAssert.Link(first, "next")!);

        Assert.NotNull(BundleAssert.Link(second, "previous"));
        Assert.Null(BundleAssert.Link(first, "previous"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_OtherGrant_Rejected()
    {
        var first = await _store.SearchAsync("Observation", "_count=5");
        var grant = AccessFilterTests.PatientGrant("p1", "patient/Observation.rs");

        var exception = await Assert.ThrowsAsync<FhirOperationException>(() => _store.FollowAsync(BundleAssert.Link(first, "next")!, grant));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_UnknownCursor_Gone()
    {
        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => _store.FollowAsync("http://sandbox.test/fhir/Observation?_cursor=deadbeef&_offset=5&_count=5"));

        Assert.Equal(System.Net.HttpStatusCode.Gone, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_Count_ReturnsTotalOnly()
    {
        var bundle = await _store.SearchAsync("Observation", "_summary=count");

        Assert.Equal(12, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Total_None_OmitsTotal()
    {
        var bundle = await _store.SearchAsync("Observation", "_total=none&_count=1");

        Assert.Null(bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Elements_Status_DropsOtherElements()
    {
        var bundle = await _store.SearchAsync("Observation", "_id=o01&_elements=status");

        var observation = Assert.IsType<Observation>(bundle.Entry[0].Resource);
        Assert.NotNull(observation.Status);
        Assert.Null(observation.Effective);
        Assert.Contains(observation.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_True_KeepsSummaryElements()
    {
        var bundle = await _store.SearchAsync("Observation", "_id=o01&_summary=true");

        var observation = Assert.IsType<Observation>(bundle.Entry[0].Resource);
        Assert.NotNull(observation.Code);
        Assert.Contains(observation.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    [Fact]
    public async System.Threading.Tasks.Task Count_AboveMaximum_Lowered()
    {
        await using var store = new SearchTestStore(new Dictionary<string, string?>
        {
            ["Sandbox:Search:DefaultCount"] = "2",
            ["Sandbox:Search:MaxCount"] = "4",
        });
        await store.SaveAsync(Enumerable.Range(0, 6).Select(index => new Patient { Id = $"p{index}" }).ToArray());

        var bundle = await store.SearchAsync("Patient", "_count=100");

        Assert.Equal(4, BundleAssert.MatchIds(bundle).Count);
        Assert.Equal(6, bundle.Total);
    }
}
