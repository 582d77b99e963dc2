using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Searches whose first condition reads an index table, which the store answers from the
/// index's keys without reading the resource rows.
/// </summary>
public sealed class IndexDrivenSearchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string CodeSystem = "http://example.org/codes";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Search_TwoMatchingCodings_CountsResourceOnce()
    {
        var first = TestResources.UniqueValue();
        var second = TestResources.UniqueValue();
        var observation = TestResources.Observation("Patient/index-driven");
        observation.Code = new CodeableConcept();
        observation.Code.Coding.Add(new Coding(CodeSystem, first));
        observation.Code.Coding.Add(new Coding(CodeSystem, second));
        var created = await Client.CreateAsync(observation);

        using var response = await Client.GetAsync($"Observation?code={CodeSystem}|{first},{CodeSystem}|{second}");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(1, bundle.Total);
        Assert.Equal(created.Id, bundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_DeletedMatch_IsNotCounted()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var kept = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var deleted = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        (await Client.DeleteAsync($"Observation/{deleted.Id}")).Dispose();

        using var response = await Client.GetAsync($"Observation?patient={patient.Id}");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(1, bundle.Total);
        Assert.Equal(kept.Id, bundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_OtherTypeSameReference_IsNotMatched()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var observation = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        await Client.CreateAsync(new Condition
        {
            Subject = new ResourceReference($"Patient/{patient.Id}"),
            Code = new CodeableConcept(CodeSystem, "c1"),
        });

        using var response = await Client.GetAsync($"Observation?subject=Patient/{patient.Id}");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(observation.Id, bundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PagedByIndex_KeepsInsertionOrder()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"))).Id!);

        using var response = await Client.GetAsync($"Observation?patient={patient.Id}&_count=2");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(3, bundle.Total);
        Assert.Equal(ids.Take(2), bundle.Entry.Select(entry => entry.Resource!.Id));
        Assert.NotNull(bundle.NextLink);
    }
}
