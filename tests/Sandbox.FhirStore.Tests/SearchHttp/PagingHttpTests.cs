using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;
using Sandbox.FhirStore.Tests.Search;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// Page sizes and paging links over HTTP, on a sandbox whose default page size is 3 and
/// maximum 5. Each test pages over its own code, so the concurrent-write test disturbs no other.
/// </summary>
public sealed class PagingHttpTests : IAsyncLifetime
{
    private const int DefaultCount = 3;
    private const int MaxCount = 5;
    private const int Seeded = 12;

    private SandboxServer _server = null!;
    private FhirTestClient _client = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            OpenFhir = true,
            Settings = new Dictionary<string, string?>
            {
                ["Sandbox:Search:DefaultCount"] = DefaultCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sandbox:Search:MaxCount"] = MaxCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        _client = FhirTestClient.For(_server);
        var builder = new BundleBuilder(Bundle.BundleType.Transaction);
        foreach (var code in new[] { "plain", "posted", "concurrent" })
        {
            for (var i = 0; i < Seeded; i++)
                builder.Put(Basic($"{code}-{i:D2}", code), $"Basic/{code}-{i:D2}");
        }

        using var response = await _client.PostAsync(string.Empty, builder.Build());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        _client.Http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async System.Threading.Tasks.Task Count_Missing_UsesDefault()
    {
        var bundle = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain");

        Assert.Equal(DefaultCount, BundleAssert.MatchIds(bundle).Count);
        Assert.Equal(Seeded, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Count_AboveMax_LoweredToMax()
    {
        var bundle = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain&_count=100");

        Assert.Equal(MaxCount, BundleAssert.MatchIds(bundle).Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Count_AboveMax_WarnsLowered()
    {
        var bundle = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain&_count=100");

        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, issue.Severity);
        Assert.Contains($"lowered to the maximum page size, {MaxCount}", issue.Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Offset_TooLarge_NamesMaximum()
    {
        var first = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain");
        var next = BundleAssert.Link(first, "next")!.Replace("_offset=3", "_offset=99999999999999999999", StringComparison.Ordinal);

        using var response = await _client.Http.GetAsync(new Uri(next));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.StartsWith("_offset '99999999999999999999' is too large: the maximum is 2147483647.", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Links_All_AbsoluteOnPublicBase()
    {
        var bundle = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain");

        var fhirBase = _server.FhirBase.AbsoluteUri.TrimEnd('/') + "/";
        foreach (var relation in new[] { "self", "first", "next" })
        {
            var link = BundleAssert.Link(bundle, relation);
            Assert.NotNull(link);
            Assert.StartsWith(fhirBase, link, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Links_Next_ShortCursorNotQuery()
    {
        var bundle = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain&_sort=-_lastUpdated,_id");

        var next = BundleAssert.Link(bundle, "next")!;
        Assert.DoesNotContain("code=", next, StringComparison.Ordinal);
        Assert.DoesNotContain("_sort", next, StringComparison.Ordinal);
        Assert.True(next.Length < 200, $"The next link has {next.Length} characters: {next}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Links_FollowedToEnd_EachMatchOnce()
    {
        var ids = await CollectAllPagesAsync("Basic?code=plain&_count=5");

        Assert.Equal(Seeded, ids.Count);
        Assert.Equal(Seeded, ids.Distinct().Count());
    }

    [Fact]
    public async System.Threading.Tasks.Task Links_Previous_ReturnsEarlierPage()
    {
        var first = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain&_sort=_id");
        var second = await SearchHttp.FollowAsync(_client.Http, BundleAssert.Link(first, "next")!);

        var previous = await SearchHttp.FollowAsync(_client.Http, BundleAssert.Link(second, "previous")!);

        Assert.Equal(BundleAssert.MatchIds(first), BundleAssert.MatchIds(previous));
    }

    [Theory]
    [InlineData("Patient")]
    [InlineData("")]
    public async System.Threading.Tasks.Task Links_Next_OnOtherPathRejected(string path)
    {
        var first = await SearchHttp.GetBundleAsync(_client, "Basic?code=plain");
        var next = BundleAssert.Link(first, "next")!;
        var query = new Uri(next).Query;

        using var response = await _client.GetAsync(path + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
        Assert.Contains("belongs to another search, made on /Basic", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task PostSearch_FormBody_LinksWorkWithGet()
    {
        using var content = new FormUrlEncodedContent([new("code", "posted"), new("_count", "4")]);
        using var response = await _client.Http.PostAsync(_client.Url("Basic/_search"), content);
        var first = await SearchHttp.ReadBundleAsync(response);

        var ids = await CollectFromAsync(first);

        Assert.Equal(Enumerable.Range(0, Seeded).Select(i => $"posted-{i:D2}").Order(), ids.Order());
        Assert.Equal(4, BundleAssert.MatchIds(first).Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_ConcurrentWrites_NoSkipOrRepeat()
    {
        var first = await SearchHttp.GetBundleAsync(_client, "Basic?code=concurrent&_count=2&_sort=-_lastUpdated");
        using var stop = new CancellationTokenSource();
        var writer = WriteWhilePagingAsync(stop.Token);

        var ids = await CollectFromAsync(first, pause: TimeSpan.FromMilliseconds(50));
        await stop.CancelAsync();
        var written = await writer;

        Assert.True(written > 0, "The writer stored nothing while the pages were read.");
        Assert.Equal(Enumerable.Range(0, Seeded).Select(i => $"concurrent-{i:D2}").Order(), ids.Order());
    }

    /// <summary>Creates matching resources and updates the seeded ones until stopped; returns the number of writes.</summary>
    private async Task<int> WriteWhilePagingAsync(CancellationToken cancellationToken)
    {
        var writes = 0;
        while (!cancellationToken.IsCancellationRequested && writes < 200)
        {
            await _client.CreateAsync(Basic(null, "concurrent"));
            var id = $"concurrent-{writes % Seeded:D2}";
            using var update = await _client.PutAsync($"Basic/{id}", Basic(id, "concurrent"));
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            writes += 2;
        }

        return writes;
    }

    private async Task<List<string>> CollectAllPagesAsync(string relative) =>
        await CollectFromAsync(await SearchHttp.GetBundleAsync(_client, relative));

    private async Task<List<string>> CollectFromAsync(Bundle first, TimeSpan? pause = null)
    {
        var ids = new List<string>(BundleAssert.MatchIds(first));
        var next = BundleAssert.Link(first, "next");
        for (var page = 0; next is not null && page < 50; page++)
        {
            if (pause is not null)
                await System.Threading.Tasks.Task.Delay(pause.Value);

            var bundle = await SearchHttp.FollowAsync(_client.Http, next);
            ids.AddRange(BundleAssert.MatchIds(bundle));
            next = BundleAssert.Link(bundle, "next");
        }

        return ids;
    }

    private static Basic Basic(string? id, string code) => new()
    {
        Id = id,
        Code = new CodeableConcept("urn:test:paging", code),
    };
}
