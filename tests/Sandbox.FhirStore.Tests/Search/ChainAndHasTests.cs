using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class ChainAndHasTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new Organization { Id = "org1", Name = "Mercy" },
            StringSearchTests.Person("smith", "John", "Smith", "Boston"),
            StringSearchTests.Person("jones", "Ann", "Jones", "Austin"),
            new Patient { Id = "mrn", Identifier = [new Identifier("http://hospital.example/mrn", "12345")], ManagingOrganization = new ResourceReference("Organization/org1") },
            ReferenceSearchTests.Observation("obs-smith", "Patient/smith"),
            ReferenceSearchTests.Observation("obs-jones", "Patient/jones"),
            ReferenceSearchTests.Observation("obs-mrn", "Patient/mrn"));
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("subject:Patient.name=smith", "obs-smith")]
    [InlineData("subject.name=jones", "obs-jones")]
    [InlineData("patient.identifier=http://hospital.example/mrn|12345", "obs-mrn")]
    [InlineData("patient.organization.name=mercy", "obs-mrn")]
    [InlineData("patient.name=smith,jones", "obs-jones,obs-smith")]
    [InlineData("patient.name=smith&code=1", "obs-smith")]
    public async System.Threading.Tasks.Task Chain_Form_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Observation", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Chain_DeletedTarget_NoMatch()
    {
        await _store.DeleteAsync("Patient", "smith");

        var bundle = await _store.SearchAsync("Observation", "subject:Patient.name=smith");

        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Chain_OnTokenParameter_Reported()
    {
        var bundle = await _store.SearchAsync("Observation", "code.name=smith");

        Assert.NotNull(BundleAssert.Outcome(bundle));
    }

    [Theory]
    [InlineData("_has:Observation:patient:_id=obs-jones", "jones")]
    [InlineData("_has:Observation:subject:code=1", "jones,mrn,smith")]
    [InlineData("_has:Observation:subject:code=2", "")]
    public async System.Threading.Tasks.Task Has_ReverseChain_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Patient", query);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Has_NotReference_Reported()
    {
        var bundle = await _store.SearchAsync("Patient", "_has:Observation:code:_id=obs-jones");

        Assert.NotNull(BundleAssert.Outcome(bundle));
    }
}
