using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// The referenced resources that <c>Patient/[id]/$everything</c> returns through references that
/// no search parameter indexes: extensions, unindexed elements and contained resources, in the
/// relative, absolute and versioned forms, with <c>_type</c> and paging.
/// </summary>
public sealed class EverythingReferenceTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string ReferenceExtensionUrl = "http://example.org/fhir/StructureDefinition/related-place";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Everything_ExtensionReference_IncludesTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Location);
        Assert.Equal(location.Id, entry.Resource!.Id);
        Assert.Equal(Bundle.SearchEntryMode.Include, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_UnindexedElement_IncludesTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var practitioner = await Client.CreateAsync(TestPractitioner());
        await CreateObservationAsync(patient.Id, observation =>
            observation.Note = [new Annotation { Author = new ResourceReference($"Practitioner/{practitioner.Id}"), Text = "Checked twice." }]);

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Practitioner);
        Assert.Equal(practitioner.Id, entry.Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_EncounterDestination_IncludesLocation()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await Client.CreateAsync(new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            Subject = new ResourceReference($"Patient/{patient.Id}"),
            Hospitalization = new Encounter.HospitalizationComponent { Destination = new ResourceReference($"Location/{location.Id}") },
        });

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Location { Id: var id } && id == location.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_ContainedResourceReference_IncludesTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var organization = await Client.CreateAsync(new Organization { Name = "Licensing board" });
        await CreateObservationAsync(patient.Id, observation =>
        {
            observation.Contained = [new Practitioner
            {
                Id = "performer",
                Qualification = [new Practitioner.QualificationComponent
                {
                    Code = new CodeableConcept { Text = "MD" },
                    Issuer = new ResourceReference($"Organization/{organization.Id}"),
                }],
            }];
            observation.Performer = [new ResourceReference("#performer")];
        });

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Organization { Id: var id } && id == organization.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_AbsoluteLocalReference_IncludesTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, Client.Url($"Location/{location.Id}").ToString()));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Location { Id: var id } && id == location.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_VersionedReference_IncludesCurrentVersion()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}/_history/1"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Location { Id: var id } && id == location.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_OtherServerReference_SkipsTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"http://other.example/fhir/Location/{location.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Location);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DeletedTarget_Omitted()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));
        (await Client.DeleteAsync($"Location/{location.Id}")).Dispose();

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Location);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TargetReferencedTwice_IncludedOnce()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        Assert.Single(bundle.Entry, entry => entry.Resource is Location);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_CompartmentTarget_StaysMatchOnly()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var first = await CreateObservationAsync(patient.Id, _ => { });
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Observation/{first}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Observation { Id: var id } && id == first);
        Assert.Equal(Bundle.SearchEntryMode.Match, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TypeWithoutTargetType_OmitsTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_type=Observation");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Location);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_TypeWithTargetType_IncludesTarget()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?_type=Observation,Location");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Location);
        Assert.Equal(Bundle.SearchEntryMode.Include, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_Paging_IncludesTargetWithReferencingPageOnly()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var location = await Client.CreateAsync(TestLocation());
        await CreateObservationAsync(patient.Id, _ => { });
        var referencing = await CreateObservationAsync(patient.Id, observation => AddPlace(observation, $"Location/{location.Id}"));

        var pages = await Client.ReadAllPagesAsync($"Patient/{patient.Id}/$everything?_type=Observation,Location&_count=1");

        Assert.Equal(2, pages.Count);
        var pageWithLocation = Assert.Single(pages, page => page.Entry.Any(entry => entry.Resource is Location));
        Assert.Contains(pageWithLocation.Entry, entry => entry.Resource is Observation { Id: var id } && id == referencing);
    }

    private static Location TestLocation() => new() { Name = "Ward " + TestResources.UniqueValue()[..6] };

    private static Practitioner TestPractitioner() => new()
    {
        Name = [new HumanName { Family = "Annotator", Given = ["Nell"] }],
    };

    private static void AddPlace(Observation observation, string reference) =>
        observation.Extension.Add(new Extension(ReferenceExtensionUrl, new ResourceReference(reference)));

    private async Task<string?> CreateObservationAsync(string? patientId, Action<Observation> configure)
    {
        var observation = TestResources.Observation($"Patient/{patientId}");
        configure(observation);
        return (await Client.CreateAsync(observation)).Id;
    }
}
