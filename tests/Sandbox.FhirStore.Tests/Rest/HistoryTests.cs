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
    public async System.Threading.Tasks.Task TypeHistory_WritesWhilePaging_NoSkipOrRepeat()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var client = FhirTestClient.For(server);
        var patients = new List<Patient>();
        for (var i = 0; i < 5; i++)
            patients.Add(await client.CreateAsync(TestResources.Patient()));
        var expected = patients.Select(patient => $"{patient.Id}/1").ToHashSet();

        var seen = new List<string>();
        var url = client.Url("Patient/_history?_count=2").ToString();
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            using var response = await client.Http.GetAsync(url);
            var page = await FhirTestClient.ReadAsync<Bundle>(response);
            seen.AddRange(page.Entry.Select(entry => $"{entry.Resource!.Id}/{entry.Resource.Meta!.VersionId}"));
            url = page.Link.SingleOrDefault(link => link.Relation == "next")?.Url;

            await client.CreateAsync(TestResources.Patient());
            (await client.PutAsync($"Patient/{patients[0].Id}", patients[0])).Dispose();
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected, seen.ToHashSet());
    }

    [Fact]
    public async System.Threading.Tasks.Task TypeHistory_NextLink_IsAbsoluteOnBase()
    {
        for (var i = 0; i < 2; i++)
            await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync("Patient/_history?_count=1");

        var page = await FhirTestClient.ReadAsync<Bundle>(response);
        var next = page.Link.Single(link => link.Relation == "next").Url;
        Assert.StartsWith(Client.Url("Patient/_history?").ToString(), next);
        Assert.Contains("_page=", next);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_ForgedPageToken_Returns400()
    {
        using var response = await Client.GetAsync("Patient/_history?_page=not-a-position");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task TypeHistory_PageTokenOfOtherType_Returns400()
    {
        for (var i = 0; i < 2; i++)
            await Client.CreateAsync(TestResources.Patient());
        using var first = await Client.GetAsync("Patient/_history?_count=1");
        var next = (await FhirTestClient.ReadAsync<Bundle>(first)).Link.Single(link => link.Relation == "next").Url;
        var token = Uri.UnescapeDataString(next!.Split("_page=")[1].Split('&')[0]);

        using var response = await Client.GetAsync($"Observation/_history?_page={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
    public async System.Threading.Tasks.Task History_AtWithMilliseconds_UsesThatPrecision()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        await System.Threading.Tasks.Task.Delay(1100);
        using var updated = await Client.PutAsync($"Patient/{created.Id}", created);
        var replaced = (await FhirTestClient.ReadAsync<Patient>(updated)).Meta!.LastUpdated!.Value;
        var before = replaced.AddMilliseconds(-300).UtcDateTime;

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history?_at={before:yyyy-MM-ddTHH:mm:ss.fffZ}");

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
