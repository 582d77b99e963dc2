using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>Paging cursors kept in memory: expiry and the bound on the keys they contain.</summary>
public sealed class CursorLifetimeTests
{
    private static readonly Patient[] Patients =
        Enumerable.Range(0, 5).Select(index => new Patient { Id = $"p{index}" }).ToArray();

    [Fact]
    public async System.Threading.Tasks.Task Paging_CursorPastLifetime_Gone()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var store = new SearchTestStore(
            new Dictionary<string, string?> { ["Sandbox:Search:CursorLifetime"] = "00:10:00" },
            clock);
        await store.SaveAsync(Patients);
        var first = await store.SearchAsync("Patient", "_count=2");
        clock.Advance(TimeSpan.FromMinutes(11));

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => store.FollowAsync(BundleAssert.Link(first, "next")!));

        Assert.Equal(System.Net.HttpStatusCode.Gone, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_CursorWithinLifetime_Served()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var store = new SearchTestStore(
            new Dictionary<string, string?> { ["Sandbox:Search:CursorLifetime"] = "00:10:00" },
            clock);
        await store.SaveAsync(Patients);
        var first = await store.SearchAsync("Patient", "_count=2");
        clock.Advance(TimeSpan.FromMinutes(9));

        var second = await store.FollowAsync(BundleAssert.Link(first, "next")!);

        Assert.Equal(["p2", "p3"], BundleAssert.MatchIds(second));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_CursorCacheFull_NewestCursorServed()
    {
        await using var store = new SearchTestStore(SmallCursorCache());
        await store.SaveAsync(Patients);
        var pages = new List<Bundle>();
        for (var search = 0; search < 4; search++)
            pages.Add(await store.SearchAsync("Patient", "_count=2"));

        var newest = await store.FollowAsync(BundleAssert.Link(pages[^1], "next")!);

        Assert.Equal(["p2", "p3"], BundleAssert.MatchIds(newest));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_CursorCacheFull_OldestCursorGone()
    {
        await using var store = new SearchTestStore(SmallCursorCache());
        await store.SaveAsync(Patients);
        var pages = new List<Bundle>();
        for (var search = 0; search < 4; search++)
            pages.Add(await store.SearchAsync("Patient", "_count=2"));

        var exception = await Assert.ThrowsAsync<FhirOperationException>(
            () => store.FollowAsync(BundleAssert.Link(pages[0], "next")!));

        Assert.Equal(System.Net.HttpStatusCode.Gone, exception.StatusCode);
    }

    // Room for two cursors of five keys each, not three.
    private static Dictionary<string, string?> SmallCursorCache() => new()
    {
        ["Sandbox:Search:DefaultCount"] = "2",
        ["Sandbox:Search:MaxCount"] = "4",
        ["Sandbox:Search:MaxResults"] = "10",
        ["Sandbox:Search:MaxCursorKeys"] = "12",
    };
}
