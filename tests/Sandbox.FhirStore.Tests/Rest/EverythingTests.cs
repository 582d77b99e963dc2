using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Patient/[id]/$everything: unknown and deleted patients, the type-level form, the operation's
/// parameters, and the referenced resources it adds beside the compartment.
/// </summary>
public sealed class EverythingTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Everything_UnknownPatient_Returns404()
    {
        using var response = await Client.GetAsync($"Patient/{TestResources.UniqueValue()}/$everything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DeletedPatient_Returns410()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{patient.Id}")).Dispose();

        using var response = await Client.GetAsync($"Patient/{patient.Id}/$everything");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Deleted, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TypeLevel_SaysInstanceOnly()
    {
        using var response = await Client.GetAsync("Patient/$everything");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains("Patient/[id]/$everything", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_Everything_DocumentsInstanceOnly()
    {
        using var response = await Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        var everything = patient.Operation.Single(operation => operation.Name == "everything");
        Assert.Contains("Instance level only", everything.Documentation, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_Everything_DocumentsReferencedResources()
    {
        using var response = await Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        var everything = patient.Operation.Single(operation => operation.Name == "everything");
        Assert.Contains("resources they reference", everything.Documentation, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Since_KeepsLaterResourcesOnly()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        await System.Threading.Tasks.Task.Delay(20);
        var later = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var since = later.Meta!.LastUpdated!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_since={since}");

        var entry = Assert.Single(bundle.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match);
        Assert.Equal(later.Id, entry.Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Type_KeepsNamedTypes()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_type=Observation");

        var entry = Assert.Single(bundle.Entry);
        Assert.IsType<Observation>(entry.Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task EverythingPost_ParametersBody_AppliesThem()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        var parameters = new Parameters();
        parameters.Add("_type", new Code("Observation"));

        using var response = await Client.PostAsync($"Patient/{patient.Id}/$everything", parameters);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        var entry = Assert.Single(bundle.Entry);
        Assert.IsType<Observation>(entry.Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task EverythingPost_EmptyBody_ReturnsCompartment()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        using var response = await Client.SendAsync(HttpMethod.Post, $"Patient/{patient.Id}/$everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(2, bundle.Entry.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task EverythingPost_InvalidParameter_Returns400()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var parameters = new Parameters();
        parameters.Add("start", new FhirString("not-a-date"));

        using var response = await Client.PostAsync($"Patient/{patient.Id}/$everything", parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("start", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task EverythingPost_PatientBody_Returns400()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PostAsync($"Patient/{patient.Id}/$everything", TestResources.Patient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Parameters", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Count_PagesWithNextLink()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_count=2");

        Assert.Equal(2, bundle.Entry.Count);
        Assert.Equal(3, bundle.Total);
        Assert.Contains(bundle.Link, link => link.Relation == "next");
    }

    [Theory]
    [InlineData("_since=yesterday", "_since")]
    [InlineData("_since=2024-01-31", "_since")]
    [InlineData("_since=2024-01-31T12:00:00", "_since")]
    [InlineData("_type=Observaton", "_type")]
    [InlineData("_count=ten", "_count")]
    [InlineData("_count=-1", "_count")]
    [InlineData("start=2024-13", "start")]
    [InlineData("end=31.01.2024", "end")]
    public async System.Threading.Tasks.Task Everything_MalformedParameter_Returns400(string query, string name)
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{patient.Id}/$everything?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(name, Assert.Single(outcome.Issue[0].Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_ReferencedPractitioner_IncludedOnce()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        await Client.CreateAsync(PerformedObservation(patient, practitioner));
        await Client.CreateAsync(PerformedObservation(patient, practitioner));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Practitioner);
        Assert.Equal(practitioner.Id, entry.Resource!.Id);
        Assert.Equal(Bundle.SearchEntryMode.Include, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Paging_ReturnsEachCompartmentResourceOnce()
    {
        var (patient, expected) = await CreatePagedCompartmentAsync();

        var pages = await Client.ReadAllPagesAsync($"Patient/{patient.Id}/$everything?_count=2");

        var compartmentEntries = pages
            .SelectMany(page => page.Entry)
            .Where(entry => entry.Resource is Patient or Observation or Encounter)
            .Select(entry => $"{entry.Resource!.TypeName}/{entry.Resource.Id}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), compartmentEntries);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Paging_IncludesNonCompartmentOnly()
    {
        var (patient, _) = await CreatePagedCompartmentAsync();

        var pages = await Client.ReadAllPagesAsync($"Patient/{patient.Id}/$everything?_count=2");

        var included = pages
            .SelectMany(page => page.Entry)
            .Where(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Include)
            .Select(entry => entry.Resource!.TypeName)
            .Distinct()
            .ToList();
        Assert.Equal(["Practitioner"], included);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Paging_IncludesPractitionerOnEachReferencingPage()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        for (var i = 0; i < 4; i++)
            await Client.CreateAsync(PerformedObservation(patient, practitioner));

        var pages = await Client.ReadAllPagesAsync($"Patient/{patient.Id}/$everything?_type=Observation,Practitioner&_count=2");

        Assert.Equal(2, pages.Count);
        Assert.All(pages, page => Assert.Single(page.Entry, entry => entry.Resource is Practitioner));
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TypeWithoutPractitioner_OmitsPractitioner()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        await Client.CreateAsync(PerformedObservation(patient, practitioner));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_type=Observation");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Practitioner);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TypeWithPractitioner_IncludesPractitioner()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        await Client.CreateAsync(PerformedObservation(patient, practitioner));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_type=Observation,Practitioner");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Practitioner);
        Assert.Equal(practitioner.Id, entry.Resource!.Id);
    }

    private static Practitioner TestPractitioner() => new()
    {
        Name = [new HumanName { Family = "Performer", Given = ["Grace"] }],
    };

    private static Observation PerformedObservation(Patient patient, Practitioner practitioner)
    {
        var observation = TestResources.Observation($"Patient/{patient.Id}");
        observation.Performer = [new ResourceReference($"Practitioner/{practitioner.Id}")];
        return observation;
    }

    /// <summary>
    /// Creates a patient with an Encounter and five Observations that reference the Encounter,
    /// the patient and one Practitioner, and returns the compartment as <c>Type/id</c>.
    /// </summary>
    private async Task<(Patient Patient, List<string> Compartment)> CreatePagedCompartmentAsync()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        var encounter = await Client.CreateAsync(new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Subject = new ResourceReference($"Patient/{patient.Id}"),
        });
        var compartment = new List<string> { $"Patient/{patient.Id}", $"Encounter/{encounter.Id}" };
        for (var i = 0; i < 5; i++)
        {
            var observation = PerformedObservation(patient, practitioner);
            observation.Encounter = new ResourceReference($"Encounter/{encounter.Id}");
            compartment.Add($"Observation/{(await Client.CreateAsync(observation)).Id}");
        }

        return (patient, compartment);
    }
}
