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
    public async System.Threading.Tasks.Task Search_RepeatedAfterCreate_CountsNewMatch()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        (await Client.GetAsync($"Observation?patient={patient.Id}")).Dispose();
        var added = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        using var response = await Client.GetAsync($"Observation?patient={patient.Id}");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(2, bundle.Total);
        Assert.Contains(added.Id, bundle.Entry.Select(entry => entry.Resource!.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PatientsInTurn_EachGetsOwnMatches()
    {
        var first = await Client.CreateAsync(TestResources.Patient());
        var second = await Client.CreateAsync(TestResources.Patient());
        var firstObservation = await Client.CreateAsync(TestResources.Observation($"Patient/{first.Id}"));
        var secondObservation = await Client.CreateAsync(TestResources.Observation($"Patient/{second.Id}"));

        using var firstResponse = await Client.GetAsync($"Observation?patient={first.Id}");
        using var secondResponse = await Client.GetAsync($"Observation?patient={second.Id}");

        var firstBundle = await FhirTestClient.ReadAsync<Bundle>(firstResponse);
        var secondBundle = await FhirTestClient.ReadAsync<Bundle>(secondResponse);
        Assert.Equal(firstObservation.Id, firstBundle.Entry.Single().Resource!.Id);
        Assert.Equal(secondObservation.Id, secondBundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PageSizesInTurn_ReadEveryRow()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        for (var i = 0; i < 5; i++)
            await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        using var three = await Client.GetAsync($"Observation?patient={patient.Id}&_count=3");
        using var five = await Client.GetAsync($"Observation?patient={patient.Id}&_count=5");

        Assert.Equal(3, (await FhirTestClient.ReadAsync<Bundle>(three)).Entry.Count);
        Assert.Equal(5, (await FhirTestClient.ReadAsync<Bundle>(five)).Entry.Count);
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
