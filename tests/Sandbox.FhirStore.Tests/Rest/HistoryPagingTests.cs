using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>Previous links of history pages, which must lead back to exactly the page before.</summary>
public sealed class HistoryPagingTests
{
    [Theory]
    [InlineData("Patient/_history")]
    [InlineData("_history")]
    [InlineData("Patient/{id}/_history")]
    public async System.Threading.Tasks.Task History_PreviousLinks_RetraceForwardPages(string path)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var client = FhirTestClient.For(server);
        var patient = await client.CreateAsync(TestResources.Patient());
        for (var i = 0; i < 6; i++)
            (await client.PutAsync($"Patient/{patient.Id}", patient)).Dispose();
        var url = client.Url(path.Replace("{id}", patient.Id, StringComparison.Ordinal) + "?_count=2").ToString();

        var forward = new List<Bundle>();
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            forward.Add(await FollowAsync(client, url));
            url = Link(forward[^1], "next");
            (await client.PutAsync($"Patient/{patient.Id}", patient)).Dispose();
        }

        // Versions written while paging sort before the first page, so walking back from the
        // last page must reach the first page as it was, not the newest versions.
        var backward = new List<Bundle> { forward[^1] };
        while (backward.Count < forward.Count && Link(backward[^1], "previous") is { } previous)
            backward.Add(await FollowAsync(client, previous));

        Assert.Equal(4, forward.Count);
        Assert.Equal(forward.Select(Versions), Enumerable.Reverse(backward).Select(Versions));
    }

    [Fact]
    public async System.Threading.Tasks.Task History_FirstPage_HasNoPreviousLink()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var client = FhirTestClient.For(server);
        for (var i = 0; i < 3; i++)
            await client.CreateAsync(TestResources.Patient());

        var first = await FollowAsync(client, client.Url("Patient/_history?_count=2").ToString());
        var second = await FollowAsync(client, Link(first, "next")!);

        Assert.Null(Link(first, "previous"));
        Assert.Equal(Link(first, "first"), Link(second, "previous"));
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchHistoryEntry_SecondPage_LinksPrevious()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var client = FhirTestClient.For(server);
        for (var i = 0; i < 3; i++)
            await client.CreateAsync(TestResources.Patient());
        var first = await FollowAsync(client, client.Url("Patient/_history?_count=2").ToString());
        var next = Link(first, "next")!;
        var batch = new BundleBuilder(Bundle.BundleType.Batch).Get(next).Build();

        using var response = await client.PostAsync(string.Empty, batch);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var history = (Bundle)result.Entry.Single().Resource!;
        Assert.Equal(Link(first, "first"), Link(history, "previous"));
    }

    private static async Task<Bundle> FollowAsync(FhirTestClient client, string url)
    {
        using var response = await client.Http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }

    private static string? Link(Bundle bundle, string relation) =>
        bundle.Link.SingleOrDefault(link => link.Relation == relation)?.Url;

    private static string Versions(Bundle page) =>
        string.Join(",", page.Entry.Select(entry => $"{entry.Resource!.Id}/{entry.Resource.Meta!.VersionId}"));
}
