using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class ReferenceSearchTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new Patient { Id = "p1" },
            new Group { Id = "g1", Type = Group.GroupType.Person, Actual = true },
            Observation("obs-p1", "Patient/p1"),
            Observation("obs-g1", "Group/g1"),
            Observation("obs-abs", "http://sandbox.test/fhir/Patient/p1"),
            Observation("obs-ext", "http://elsewhere.example/fhir/Patient/x9"),
            new Observation
            {
                Id = "obs-ident",
                Status = ObservationStatus.Final,
                Code = new CodeableConcept("http://loinc.org", "1"),
                Subject = new ResourceReference { Identifier = new Identifier("http://hospital.example/mrn", "MRN-7") },
            },
            new Observation { Id = "obs-none", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1") });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("subject=Patient/p1", "obs-abs,obs-p1")]
    [InlineData("subject=p1", "obs-abs,obs-p1")]
    [InlineData("subject:Patient=p1", "obs-abs,obs-p1")]
    [InlineData("subject:Group=p1", "")]
    [InlineData("subject=http://sandbox.test/fhir/Patient/p1", "obs-abs,obs-p1")]
    [InlineData("subject=http://elsewhere.example/fhir/Patient/x9", "obs-ext")]
    [InlineData("subject:identifier=http://hospital.example/mrn|MRN-7", "obs-ident")]
    [InlineData("subject:missing=true", "obs-none")]
    [InlineData("patient=p1", "obs-abs,obs-p1")]
    [InlineData("patient=Group/g1", "")]
    [InlineData("subject=Group/g1", "obs-g1")]
    public async System.Threading.Tasks.Task Subject_Form_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Observation", query);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), BundleAssert.SortedMatchIds(bundle));
    }

    internal static Observation Observation(string id, string subject) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "1"),
        Subject = new ResourceReference(subject),
    };
}
