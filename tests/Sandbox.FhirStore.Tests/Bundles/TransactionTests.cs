using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

public sealed class TransactionTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Transaction_UrnUuid_RewritesReferences()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Observation(patientUrl))
            .Post(TestResources.Patient(), patientUrl)
            .Build();

        var response = await PostBundleAsync(bundle);

        Assert.Equal(Bundle.BundleType.TransactionResponse, response.Type);
        Assert.All(response.Entry, entry => Assert.Equal("201 Created", entry.Response!.Status));
        var patientId = response.Entry[1].Response!.Location!.Split('/')[1];
        var observation = await ReadAsync<Observation>(response.Entry[0].Response!.Location!);
        Assert.Equal($"Patient/{patientId}", observation.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_ResponseEntries_KeepRequestOrder()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(created, $"Patient/{created.Id}")
            .Delete($"Patient/{(await Client.CreateAsync(TestResources.Patient())).Id}")
            .Post(TestResources.Patient())
            .Build();

        var response = await PostBundleAsync(bundle);

        Assert.Equal(["200 OK", "204 No Content", "201 Created"], response.Entry.Select(entry => entry.Response!.Status));
        Assert.Equal($"Patient/{created.Id}/_history/2", response.Entry[0].Response!.Location!);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_DeleteOfUnknownId_Succeeds()
    {
        var mrn = TestResources.UniqueValue();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn))
            .Delete($"Patient/never-{mrn}")
            .Build();

        var response = await PostBundleAsync(bundle);

        Assert.Equal(["201 Created", "204 No Content"], response.Entry.Select(entry => entry.Response!.Status));
        var search = await SearchAsync($"Patient?identifier={mrn}");
        Assert.Single(search.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_FailingEntry_RollsBackEverything()
    {
        var mrn = TestResources.UniqueValue();
        var existing = await Client.CreateAsync(TestResources.Patient(family: "Unchanged"));
        var changed = (Patient)existing.DeepCopy();
        changed.Name[0].Family = "Changed";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn))
            .Put(changed, $"Patient/{existing.Id}")
            .Put(TestResources.Patient(id: "mismatch"), "Patient/other-id")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Bundle.entry[2]", outcome.Issue.Single().Expression.Single());
        var search = await SearchAsync($"Patient?identifier={mrn}");
        Assert.Empty(search.Entry);
        var stored = await ReadAsync<Patient>($"Patient/{existing.Id}");
        Assert.Equal("Unchanged", stored.Name[0].Family);
        Assert.Equal("1", stored.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_ConditionalReference_ResolvesToMatch()
    {
        var mrn = TestResources.UniqueValue();
        var patient = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Observation($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}"))
            .Build();

        var response = await PostBundleAsync(bundle);

        var observation = await ReadAsync<Observation>(response.Entry[0].Response!.Location!);
        Assert.Equal($"Patient/{patient.Id}", observation.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_ConditionalReferenceNoMatch_Returns412()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Observation($"Patient?identifier={TestResources.UniqueValue()}"))
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_IfNoneExistMatch_ReusesExistingId()
    {
        var mrn = TestResources.UniqueValue();
        var existing = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn), patientUrl, ifNoneExist: $"identifier={mrn}")
            .Post(TestResources.Observation(patientUrl))
            .Build();

        var response = await PostBundleAsync(bundle);

        Assert.Equal("200 OK", response.Entry[0].Response!.Status);
        var observation = await ReadAsync<Observation>(response.Entry[1].Response!.Location!);
        Assert.Equal($"Patient/{existing.Id}", observation.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_StaleIfMatch_Returns412()
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{existing.Id}", existing)).Dispose();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(existing, $"Patient/{existing.Id}", ifMatch: "W/\"1\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_IfMatchLeadingZero_Returns412()
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(existing, $"Patient/{existing.Id}", ifMatch: "W/\"01\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_SameResourceTwice_Returns400()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: "twice"), "Patient/twice")
            .Delete("Patient/twice")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_PreferRepresentation_ReturnsResources()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction).Post(TestResources.Patient()).Build();

        using var response = await Client.PostAsync(string.Empty, bundle, ("Prefer", "return=representation"));

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("1", result.Entry[0].Resource!.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_GetEntry_ReadsAfterWrites()
    {
        var id = "read-after-" + TestResources.UniqueValue()[..10];
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Get($"Patient/{id}")
            .Put(TestResources.Patient(id: id), $"Patient/{id}")
            .Build();

        var response = await PostBundleAsync(bundle);

        Assert.Equal("200 OK", response.Entry[0].Response!.Status);
        Assert.Equal(id, response.Entry[0].Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_SearchEntry_SeesUncommittedWrites()
    {
        var mrn = TestResources.UniqueValue();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Get($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}")
            .Post(TestResources.Patient(mrn: mrn), $"urn:uuid:{Guid.NewGuid()}")
            .Build();

        var response = await PostBundleAsync(bundle);

        var searchset = Assert.IsType<Bundle>(response.Entry[0].Resource);
        Assert.Equal(Bundle.BundleType.Searchset, searchset.Type);
        Assert.Single(searchset.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_HistoryEntry_SeesNewVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Get($"Patient/{created.Id}/_history")
            .Put(created, $"Patient/{created.Id}")
            .Build();

        var response = await PostBundleAsync(bundle);

        var history = Assert.IsType<Bundle>(response.Entry[0].Resource);
        Assert.Equal(["2", "1"], history.Entry.Select(entry => entry.Resource!.Meta!.VersionId));
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_FailingGetEntry_RollsBackWrites()
    {
        var mrn = TestResources.UniqueValue();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn))
            .Get("Patient/never-created-here")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);
        var found = await SearchAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(found.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Post_CollectionBundle_Returns400()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<Bundle> PostBundleAsync(Bundle bundle)
    {
        using var response = await Client.PostAsync(string.Empty, bundle);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }

    private async Task<T> ReadAsync<T>(string location)
        where T : Resource
    {
        var path = string.Join('/', location.Split('/').Take(2));
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<T>(response);
    }

    private async Task<Bundle> SearchAsync(string query)
    {
        using var response = await Client.GetAsync(query);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }
}
