using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>
/// Transactions whose writing entries reach the same resource once their conditions are
/// resolved fail whole with 400, and store nothing.
/// </summary>
public sealed class TransactionOverlapTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDeleteAndPut_SameMatch_Returns400()
    {
        var mrn = TestResources.UniqueValue();
        var stored = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var condition = $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Delete(condition)
            .Put(TestResources.Patient(mrn: mrn, family: "Changed"), condition)
            .Build();

        using var response = await PostAsync(bundle);

        await AssertDuplicateAsync(response, $"Patient/{stored.Id}");
        var current = await ReadPatientAsync(stored.Id!);
        Assert.Equal("1", current.Meta!.VersionId);
        Assert.Equal("Test", current.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatchAndPut_SameMatch_Returns400()
    {
        var mrn = TestResources.UniqueValue();
        var stored = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", """[{"op":"add","path":"/active","value":true}]""")
            .Put(TestResources.Patient(id: stored.Id, mrn: mrn), $"Patient/{stored.Id}")
            .Build();

        using var response = await PostAsync(bundle);

        await AssertDuplicateAsync(response, $"Patient/{stored.Id}");
        var current = await ReadPatientAsync(stored.Id!);
        Assert.Equal("1", current.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoPosts_SameUnmatchedIfNoneExist_Return400()
    {
        var mrn = TestResources.UniqueValue();
        var ifNoneExist = $"identifier={TestResources.IdentifierSystem}|{mrn}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn), ifNoneExist: ifNoneExist)
            .Post(TestResources.Patient(mrn: mrn), ifNoneExist: ifNoneExist)
            .Build();

        using var response = await PostAsync(bundle);

        await AssertDuplicateAsync(response, ifNoneExist);
        Assert.Equal(0, await CountPatientsAsync(mrn));
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoConditionalPuts_SameUnmatchedCondition_Return400()
    {
        var mrn = TestResources.UniqueValue();
        var condition = $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(mrn: mrn), condition)
            .Put(TestResources.Patient(mrn: mrn), condition)
            .Build();

        using var response = await PostAsync(bundle);

        await AssertDuplicateAsync(response, mrn);
        Assert.Equal(0, await CountPatientsAsync(mrn));
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoPosts_SameMatchedIfNoneExist_ReturnExisting()
    {
        var mrn = TestResources.UniqueValue();
        var stored = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var ifNoneExist = $"identifier={TestResources.IdentifierSystem}|{mrn}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(mrn: mrn), ifNoneExist: ifNoneExist)
            .Post(TestResources.Patient(mrn: mrn), ifNoneExist: ifNoneExist)
            .Build();

        using var response = await PostAsync(bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.All(result.Entry, entry => Assert.Equal("200 OK", entry.Response!.Status));
        Assert.All(result.Entry, entry => Assert.Equal(stored.Id, entry.Resource!.Id));
    }

    private static async System.Threading.Tasks.Task AssertDuplicateAsync(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Duplicate, outcome.Issue[0].Code);
        Assert.Contains(named, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private async Task<Patient> ReadPatientAsync(string id)
    {
        using var response = await Client.GetAsync($"Patient/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Patient>(response);
    }

    private async Task<int?> CountPatientsAsync(string mrn)
    {
        var bundle = await Client.ReadBundleAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}&_summary=count");
        return bundle.Total;
    }

    private Task<HttpResponseMessage> PostAsync(Bundle bundle) =>
        Client.Http.PostAsync(fixture.Server.FhirBase, FhirTestClient.JsonContent(bundle));
}
