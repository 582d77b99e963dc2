using System.Net;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class HistoryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task InstanceHistory_ThreeVersions_NewestFirst()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history");

        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal(["3", "2", "1"], history.Entry.Select(entry => entry.Resource!.Meta!.VersionId));
        Assert.Equal(Bundle.HTTPVerb.POST, history.Entry[2].Request!.Method);
        Assert.Equal(Bundle.HTTPVerb.PUT, history.Entry[0].Request!.Method);
    }

    [Fact]
    public async System.Threading.Tasks.Task InstanceHistory_UnknownId_Returns404()
    {
        using var response = await Client.GetAsync("Patient/no-history-here/_history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task TypeHistory_Count_LinksNextPage()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var client = FhirTestClient.For(server);
        for (var i = 0; i < 3; i++)
            await client.CreateAsync(TestResources.Patient());

        using var first = await client.GetAsync("Patient/_history?_count=2");
        var page = await FhirTestClient.ReadAsync<Bundle>(first);
        var next = page.Link.Single(link => link.Relation == "next").Url;
        using var second = await client.Http.GetAsync(next);
        var lastPage = await FhirTestClient.ReadAsync<Bundle>(second);

        Assert.Equal(2, page.Entry.Count);
        Assert.Single(lastPage.Entry);
        Assert.DoesNotContain(lastPage.Link, link => link.Relation == "next");
    }

    [Fact]
    public async System.Threading.Tasks.Task SystemHistory_IncludesEveryType()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var observation = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        using var response = await Client.GetAsync("_history?_count=1000");

        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Contains(history.Entry, entry => entry.Resource?.Id == patient.Id);
        Assert.Contains(history.Entry, entry => entry.Resource?.Id == observation.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_Since_ExcludesOlderVersions()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        await System.Threading.Tasks.Task.Delay(50);
        var since = DateTimeOffset.UtcNow;
        await System.Threading.Tasks.Task.Delay(50);
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history?_since={Uri.EscapeDataString(since.ToString("o"))}");

        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("2", history.Entry.Single().Resource!.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_At_ReturnsVersionCurrentThen()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        await System.Threading.Tasks.Task.Delay(1100);
        var between = DateTimeOffset.UtcNow;
        await System.Threading.Tasks.Task.Delay(1100);
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history?_at={between:yyyy-MM-ddTHH:mm:ssZ}");

        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("1", history.Entry.Single().Resource!.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_InvalidSince_Returns400()
    {
        using var response = await Client.GetAsync("Patient/_history?_since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
