using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary><c>_elements</c> and <c>_summary</c> on read and vread, which R4 allows as on search.</summary>
public sealed class ReadShapingTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Subsetted = "SUBSETTED";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Read_ElementsId_LeavesOtherElementsOut()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var patient = await ReadPatientAsync($"Patient/{created.Id}?_elements=id");

        Assert.Equal(created.Id, patient.Id);
        Assert.Empty(patient.Name);
        Assert.Contains(patient.Meta!.Tag, tag => tag.Code == Subsetted);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_SummaryTrue_LeavesNonSummaryOut()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        created.Contact = [new Patient.ContactComponent { Name = new HumanName { Family = "Kin" } }];
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        var patient = await ReadPatientAsync($"Patient/{created.Id}?_summary=true");

        Assert.Empty(patient.Contact);
        Assert.NotEmpty(patient.Name);
        Assert.Contains(patient.Meta!.Tag, tag => tag.Code == Subsetted);
    }

    [Fact]
    public async System.Threading.Tasks.Task VersionRead_ElementsGender_KeepsGenderOnly()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var patient = await ReadPatientAsync($"Patient/{created.Id}/_history/1?_elements=gender");

        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Empty(patient.Name);
        Assert.Contains(patient.Meta!.Tag, tag => tag.Code == Subsetted);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_ElementsGender_KeepsIdAndVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var patient = await ReadPatientAsync($"Patient/{created.Id}?_elements=gender");

        Assert.Equal(created.Id, patient.Id);
        Assert.Equal("1", patient.Meta?.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_SummaryTrue_TagsSubsettedOnce()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var patient = await ReadPatientAsync($"Patient/{created.Id}?_summary=true");

        var tag = Assert.Single(patient.Meta!.Tag, tag => tag.Code == Subsetted);
        Assert.Equal("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", tag.System);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_SummaryCount_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_summary=count");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchRead_Elements_LeavesOtherElementsOut()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var batch = new Bundles.BundleBuilder(Bundle.BundleType.Batch).Get($"Patient/{created.Id}?_elements=id").Build();

        using var response = await Client.PostAsync(string.Empty, batch);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var patient = (Patient)result.Entry.Single().Resource!;
        Assert.Empty(patient.Name);
        Assert.Contains(patient.Meta!.Tag, tag => tag.Code == Subsetted);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnknownElement_Ignored()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var patient = await ReadPatientAsync($"Patient/{created.Id}?_elements=foo");

        Assert.NotEmpty(patient.Name);
        Assert.DoesNotContain(patient.Meta?.Tag ?? [], tag => tag.Code == Subsetted);
    }

    [Fact]
    public async System.Threading.Tasks.Task StrictRead_UnknownElement_Returns400NamingIt()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_elements=gender,foo", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("'foo', which is not an element of Patient", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("_elements", outcome.Issue[0].Expression.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task StrictRead_ChoiceElement_Returns200()
    {
        var created = await Client.CreateAsync(new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
            Code = new CodeableConcept("http://loinc.org", "8867-4"),
            Value = new Quantity(72, "/min"),
        });

        using var response = await Client.GetAsync($"Observation/{created.Id}?_elements=value", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var observation = await FhirTestClient.ReadAsync<Observation>(response);
        Assert.IsType<Quantity>(observation.Value);
        Assert.Empty(observation.Category);
    }

    private async Task<Patient> ReadPatientAsync(string relative)
    {
        using var response = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Patient>(response);
    }
}
