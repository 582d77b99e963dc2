using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class TokenSearchTests : IAsyncLifetime
{
    private const string Loinc = "http://loinc.org";
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            Observation("heart", Loinc, "8867-4", "Heart rate"),
            Observation("weight", Loinc, "29463-7", "Body Weight"),
            Observation("local", "http://example.org/codes", "8867-4", "Local pulse"),
            Observation("nosystem", null, "8867-4", null),
            new Patient
            {
                Id = "p1",
                Active = true,
                Gender = AdministrativeGender.Female,
                Identifier =
                [
                    new Identifier("http://hospital.example/mrn", "MRN-1")
                    {
                        Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"),
                    },
                ],
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "p1@example.org")],
            },
            new Patient { Id = "p2", Active = false, Gender = AdministrativeGender.Male });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("code=8867-4", "heart,local,nosystem")]
    [InlineData("code=http://loinc.org|8867-4", "heart")]
    [InlineData("code=|8867-4", "nosystem")]
    [InlineData("code=http://loinc.org|", "heart,weight")]
    [InlineData("code:not=http://loinc.org|8867-4", "local,nosystem,weight")]
    [InlineData("code:text=body", "weight")]
    [InlineData("code:text=heart", "heart")]
    [InlineData("status=final", "heart,local,nosystem,weight")]
    [InlineData("status=http://hl7.org/fhir/observation-status|final", "heart,local,nosystem,weight")]
    public async System.Threading.Tasks.Task Code_Form_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Observation", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Theory]
    [InlineData("active=true", "p1")]
    [InlineData("active=false", "p2")]
    [InlineData("gender=male", "p2")]
    [InlineData("identifier=http://hospital.example/mrn|MRN-1", "p1")]
    [InlineData("identifier=MRN-1", "p1")]
    [InlineData("identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|MRN-1", "p1")]
    [InlineData("email=p1@example.org", "p1")]
    [InlineData("telecom=email|p1@example.org", "p1")]
    [InlineData("_id=p2", "p2")]
    [InlineData("_id=p1,p2", "p1,p2")]
    public async System.Threading.Tasks.Task Patient_TokenForm_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Patient", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task OfType_WrongType_MatchesNothing()
    {
        var bundle = await _store.SearchAsync("Patient", "identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|SS|MRN-1");

        Assert.Empty(bundle.Entry);
    }

    internal static Observation Observation(string id, string? system, string code, string? display) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept { Coding = [new Coding(system, code, display)] },
    };
}
