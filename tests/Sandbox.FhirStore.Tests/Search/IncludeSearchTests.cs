using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class IncludeSearchTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new Organization { Id = "org1", Name = "General Hospital" },
            new Practitioner { Id = "doc1" },
            new Patient { Id = "p1", ManagingOrganization = new ResourceReference("Organization/org1") },
            new Medication { Id = "med1", Code = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "197361") },
            new MedicationRequest
            {
                Id = "rx1",
                Status = MedicationRequest.MedicationrequestStatus.Active,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Medication = new ResourceReference("Medication/med1"),
                Subject = new ResourceReference("Patient/p1"),
                Requester = new ResourceReference("Practitioner/doc1"),
            },
            new Provenance
            {
                Id = "prov1",
                Target = [new ResourceReference("MedicationRequest/rx1")],
                Recorded = DateTimeOffset.Parse("2024-01-01T00:00:00Z"),
                Agent = [new Provenance.AgentComponent { Who = new ResourceReference("Practitioner/doc1") }],
            });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Include_Medication_AddsIncludeEntry()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "status=active&_include=MedicationRequest:medication");

        Assert.Equal(["rx1"], BundleAssert.MatchIds(bundle));
        Assert.Equal(["Medication/med1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_Wildcard_AddsEveryTarget()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "_include=MedicationRequest:*");

        Assert.Equal(["Medication/med1", "Patient/p1", "Practitioner/doc1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_TargetType_Restricts()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "_include=MedicationRequest:subject:Group");

        Assert.Empty(BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task RevInclude_Provenance_AddsReferrers()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "_revinclude=Provenance:target");

        Assert.Equal(["Provenance/prov1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task IncludeIterate_FollowsIncluded()
    {
        var bundle = await _store.SearchAsync(
            "MedicationRequest",
            "_include=MedicationRequest:patient&_include:iterate=Patient:organization");

        Assert.Equal(["Organization/org1", "Patient/p1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task IncludeWithoutIterate_StopsAfterOneHop()
    {
        var bundle = await _store.SearchAsync(
            "MedicationRequest",
            "_include=MedicationRequest:patient&_include=Patient:organization");

        Assert.Equal(["Patient/p1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task RevIncludeIterate_FollowsReferrers()
    {
        var bundle = await _store.SearchAsync(
            "Patient",
            "_revinclude=MedicationRequest:subject&_revinclude:iterate=Provenance:target");

        Assert.Equal(["MedicationRequest/rx1", "Provenance/prov1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_UnknownParameter_Reported()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "_include=MedicationRequest:nonsense");

        Assert.NotNull(BundleAssert.Outcome(bundle));
        Assert.DoesNotContain("_include", BundleAssert.Link(bundle, "self"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_Entries_CarryFullUrl()
    {
        var bundle = await _store.SearchAsync("MedicationRequest", "_include=MedicationRequest:medication");

        Assert.Contains(bundle.Entry, entry => entry.FullUrl == "http://sandbox.test/fhir/Medication/med1");
    }
}
