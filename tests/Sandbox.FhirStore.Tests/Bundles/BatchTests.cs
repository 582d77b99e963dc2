using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

public sealed class BatchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Batch_InstanceHistoryEntry_ReturnsHistoryBundle()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{patient.Id}", patient)).Dispose();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get($"Patient/{patient.Id}/_history").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry[0];
        Assert.Equal("200 OK", entry.Response!.Status);
        var history = Assert.IsType<Bundle>(entry.Resource);
        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal(2, history.Entry.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_HistoryEntryCount_LinksNextPage()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{patient.Id}", patient)).Dispose();
        (await Client.PutAsync($"Patient/{patient.Id}", patient)).Dispose();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get($"Patient/{patient.Id}/_history?_count=2").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);
        var history = Assert.IsType<Bundle>((await FhirTestClient.ReadAsync<Bundle>(response)).Entry[0].Resource);
        var next = history.Link.Single(link => link.Relation == "next").Url;
        using var nextResponse = await Client.Http.GetAsync(next);
        var nextPage = await FhirTestClient.ReadAsync<Bundle>(nextResponse);

        Assert.Equal(["3", "2"], history.Entry.Select(entry => entry.Resource!.Meta!.VersionId));
        Assert.StartsWith(Client.Url($"Patient/{patient.Id}/_history?").ToString(), next);
        Assert.Equal(["1"], nextPage.Entry.Select(entry => entry.Resource!.Meta!.VersionId));
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_SearchEntryCount_LinksNextPage()
    {
        var family = $"Batchpaging{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
            await Client.CreateAsync(new Patient { Name = [new HumanName { Family = family }] });
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get($"Patient?family={family}&_count=2").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);
        var searchset = Assert.IsType<Bundle>((await FhirTestClient.ReadAsync<Bundle>(response)).Entry[0].Resource);
        var next = searchset.Link.Single(link => link.Relation == "next").Url;
        using var nextResponse = await Client.Http.GetAsync(next);
        var nextPage = await FhirTestClient.ReadAsync<Bundle>(nextResponse);

        Assert.Equal(2, searchset.Entry.Count);
        Assert.Single(nextPage.Entry);
        Assert.Empty(searchset.Entry.Select(entry => entry.Resource!.Id).Intersect(nextPage.Entry.Select(entry => entry.Resource!.Id)));
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_FailingEntry_KeepsOtherEntries()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Post(TestResources.Patient())
            .Put(TestResources.Patient(id: "mismatch"), "Patient/other")
            .Get("Patient/never-created")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.BatchResponse, result.Type);
        Assert.Equal("201 Created", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
        Assert.Equal("404 Not Found", result.Entry[2].Response!.Status);
        Assert.IsType<OperationOutcome>(result.Entry[1].Response!.Outcome);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_MissingRequest_FailsThatEntryOnly()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Post(TestResources.Patient()).Build();
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = TestResources.Patient() });

        using var response = await Client.PostAsync(string.Empty, bundle);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("201 Created", result.Entry[0].Response!.Status);
        Assert.Equal("400 Bad Request", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_SearchEntry_ReturnsSearchset()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get($"Patient?identifier={mrn}").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var searchset = Assert.IsType<Bundle>(result.Entry[0].Resource);
        Assert.Single(searchset.Entry);
    }

    [Theory]
    [InlineData(Bundle.BundleType.Batch)]
    [InlineData(Bundle.BundleType.Transaction)]
    public async System.Threading.Tasks.Task PreferOutcome_WriteEntries_CarryOutcome(Bundle.BundleType type)
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(type)
            .Post(TestResources.Patient())
            .Delete($"Patient/{existing.Id}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle, ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var created = result.Entry[0];
        var deleted = result.Entry[1];
        Assert.Equal("201 Created", created.Response!.Status);
        Assert.Null(created.Resource);
        var createdOutcome = Assert.IsType<OperationOutcome>(created.Response.Outcome);
        Assert.Contains("stored (201)", createdOutcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Equal("200 OK", deleted.Response!.Status);
        var deletedOutcome = Assert.IsType<OperationOutcome>(deleted.Response.Outcome);
        Assert.Contains($"Patient/{existing.Id} deleted", deletedOutcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task PreferOutcome_ReadEntry_ReturnsResource()
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get($"Patient/{existing.Id}").Build();

        using var response = await Client.PostAsync(string.Empty, bundle, ("Prefer", "return=OperationOutcome"));

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.IsType<Patient>(entry.Resource);
        Assert.Null(entry.Response!.Outcome);
    }

    [Fact]
    public async System.Threading.Tasks.Task DefaultPrefer_WriteEntries_HaveNoOutcome()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Post(TestResources.Patient()).Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.IsType<Patient>(entry.Resource);
        Assert.Null(entry.Response!.Outcome);
    }
}
