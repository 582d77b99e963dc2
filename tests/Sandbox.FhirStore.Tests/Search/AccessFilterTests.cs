using Hl7.Fhir.Model;
using Sandbox.Smart.Access;
using Sandbox.Smart.Scopes;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// The caller's grant applied inside the query: two patients' data side by side, and a token
/// for p1 that must never reach p2's resources through a match, an include, a chain or _has.
/// </summary>
public sealed class AccessFilterTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new Practitioner { Id = "doc1", Name = [new HumanName { Family = "House" }] },
            new Patient { Id = "p1", Name = [new HumanName { Family = "Alpha" }], GeneralPractitioner = [new ResourceReference("Practitioner/doc1")] },
            new Patient { Id = "p2", Name = [new HumanName { Family = "Beta" }] },
            Observation("p1-vital", "p1", "vital-signs", "8867-4"),
            Observation("p1-lab", "p1", "laboratory", "2345-7"),
            Observation("p2-vital", "p2", "vital-signs", "8867-4"),
            Observation("p2-lab", "p2", "laboratory", "2345-7"),
            new Encounter { Id = "p1-enc", Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"), Subject = new ResourceReference("Patient/p1") },
            new Provenance { Id = "prov-p2", Target = [new ResourceReference("Patient/p2")], Recorded = DateTimeOffset.UnixEpoch, Agent = [new Provenance.AgentComponent { Who = new ResourceReference("Patient/p2") }] });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_Search_OnlyOwnCompartment()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs");

        var bundle = await _store.SearchAsync("Observation", string.Empty, grant);

        Assert.Equal(["p1-lab", "p1-vital"], BundleAssert.SortedMatchIds(bundle));
        Assert.Equal(2, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task GranularScope_Search_OnlyCategory()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs");

        var bundle = await _store.SearchAsync("Observation", string.Empty, grant);

        Assert.Equal(["p1-vital"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoScopes_Search_UnionOfRules()
    {
        var grant = PatientGrant(
            "p1",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
            "user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");

        var bundle = await _store.SearchAsync("Observation", string.Empty, grant);

        Assert.Equal(["p1-lab", "p1-vital", "p2-lab"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoRules_SearchById_KeepsParameters()
    {
        var grant = PatientGrant(
            "p1",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");

        var bundle = await _store.SearchAsync("Observation", "_id=p1-vital", grant);

        Assert.Equal(["p1-vital"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task TwoCompartments_Search_KeepsResourceType()
    {
        var grant = FhirAccessGrant.FromScopes([ParseScope("user/Observation.rs")], null, ["p1", "p2"]);

        var bundle = await _store.SearchAsync("Observation", "_count=50", grant);

        Assert.Equal(["p1-lab", "p1-vital", "p2-lab", "p2-vital"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_Include_NoOtherPatient()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs", "patient/Patient.rs");

        var bundle = await _store.SearchAsync("Observation", "_include=Observation:subject", grant);

        Assert.Equal(["Patient/p1"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_IncludeOfUngrantedType_Dropped()
    {
        var grant = PatientGrant("p1", "patient/Patient.rs");

        var bundle = await _store.SearchAsync("Patient", "_include=Patient:general-practitioner", grant);

        Assert.Equal(["p1"], BundleAssert.MatchIds(bundle));
        Assert.Empty(BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_RevInclude_NoOtherPatientData()
    {
        var grant = PatientGrant("p1", "user/Patient.rs", "patient/Observation.rs", "patient/Provenance.rs");

        var bundle = await _store.SearchAsync("Patient", "_revinclude=Observation:subject&_revinclude=Provenance:target", grant);

        Assert.Equal(["p1", "p2"], BundleAssert.SortedMatchIds(bundle));
        Assert.Equal(["Observation/p1-lab", "Observation/p1-vital"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_Chain_CannotProbeOtherPatient()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs", "patient/Patient.rs");

        var bundle = await _store.SearchAsync("Observation", "subject:Patient.name=beta", grant);

        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_ChainToUngrantedType_MatchesNothing()
    {
        var grant = PatientGrant("p1", "patient/Patient.rs");

        var bundle = await _store.SearchAsync("Patient", "general-practitioner.name=house", grant);

        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_Has_CannotProbeOtherPatientData()
    {
        var grant = PatientGrant("p1", "user/Patient.rs", "patient/Observation.rs");

        var bundle = await _store.SearchAsync("Patient", "_has:Observation:subject:code=2345-7", grant);

        Assert.Equal(["p1"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Unrestricted_Has_FindsEveryPatient()
    {
        var bundle = await _store.SearchAsync("Patient", "_has:Observation:subject:code=2345-7");

        Assert.Equal(["p1", "p2"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientScope_OtherType_Forbidden()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs");

        var exception = await Assert.ThrowsAsync<FhirOperationException>(() => _store.SearchAsync("Encounter", string.Empty, grant));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task SystemSearch_PatientScope_OnlyGrantedTypes()
    {
        var grant = PatientGrant("p1", "patient/Observation.rs", "patient/Encounter.rs");

        var bundle = await _store.SearchAsync(null, "_count=50", grant);

        Assert.Equal(["p1-enc", "p1-lab", "p1-vital"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task CompartmentSearch_Everything_ListsOnlyThatPatient()
    {
        var bundle = await _store.SearchAsync(null, "_count=50", compartment: "Patient/p1");

        Assert.Equal(["p1", "p1-enc", "p1-lab", "p1-vital"], BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task CompartmentSearch_Type_ListsThatPatientsObservations()
    {
        var bundle = await _store.SearchAsync("Observation", "category=vital-signs", compartment: "Patient/p2");

        Assert.Equal(["p2-vital"], BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task SatisfiesAsync_StoredResource_FollowsRules()
    {
        var rules = PatientGrant("p1", "patient/Observation.rs").Decide("Observation", FhirInteraction.Read).Rules;
        var keys = await _store.Search.SearchAsync(
            new Sandbox.FhirStore.Search.SearchRequest("Observation", null, SearchTestStore.ParseQuery("_id=p2-lab"), SearchTestStore.BaseUrl, false, FhirAccessGrant.Unrestricted),
            CancellationToken.None);
        await using var connection = await _store.Database.OpenConnectionAsync(CancellationToken.None);

        var own = await _store.Index.SatisfiesAsync(connection, null, await KeyOfAsync(connection, "p1-lab"), "Observation", rules, CancellationToken.None);
        var other = await _store.Index.SatisfiesAsync(connection, null, await KeyOfAsync(connection, "p2-lab"), "Observation", rules, CancellationToken.None);

        Assert.Single(keys.Entry);
        Assert.True(own);
        Assert.False(other);
    }

    [Fact]
    public void Satisfies_NewResource_ChecksCompartmentAndQuery()
    {
        var rules = PatientGrant("p1", "patient/Observation.cu?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")
            .Decide("Observation", FhirInteraction.Create).Rules;

        Assert.True(_store.Index.Satisfies(Observation("new1", "p1", "vital-signs", "1"), rules));
        Assert.False(_store.Index.Satisfies(Observation("new2", "p2", "vital-signs", "1"), rules));
        Assert.False(_store.Index.Satisfies(Observation("new3", "p1", "laboratory", "1"), rules));
    }

    [Fact]
    public void SatisfiesForWrite_SecondPatientCompartment_IsFalse()
    {
        var rules = PatientGrant("p1", "patient/Observation.c").Decide("Observation", FhirInteraction.Create).Rules;
        var observation = Observation("new4", "p2", "vital-signs", "1");
        observation.Performer = [new ResourceReference("Patient/p1")];

        Assert.True(_store.Index.Satisfies(observation, rules));
        Assert.False(_store.Index.SatisfiesForWrite(observation, rules));
    }

    [Fact]
    public void SatisfiesForWrite_QueryRuleWithoutCompartment_IsTrue()
    {
        var scope = ParseScope("user/Observation.c?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs");
        var rules = FhirAccessGrant.FromScopes([scope], null).Decide("Observation", FhirInteraction.Create).Rules;
        var observation = Observation("new5", "p2", "vital-signs", "1");
        observation.Performer = [new ResourceReference("Patient/p1")];

        Assert.True(_store.Index.SatisfiesForWrite(observation, rules));
    }

    [Fact]
    public void SatisfiesForWrite_TwoUserPatients_IsFalse()
    {
        var rules = FhirAccessGrant.FromScopes([ParseScope("user/Observation.c")], null, ["p1", "p2"])
            .Decide("Observation", FhirInteraction.Create).Rules;
        var observation = Observation("new6", "p2", "vital-signs", "1");
        observation.Performer = [new ResourceReference("Patient/p1")];

        Assert.True(_store.Index.SatisfiesForWrite(Observation("new7", "p2", "vital-signs", "1"), rules));
        Assert.False(_store.Index.SatisfiesForWrite(observation, rules));
    }

    internal static FhirAccessGrant PatientGrant(string patientId, params string[] scopes) =>
        FhirAccessGrant.FromScopes(scopes.Select(ParseScope), patientId);

    private static ResourceScope ParseScope(string text) =>
        ResourceScope.TryParse(text, out var scope) ? scope : throw new ArgumentException(text);

    private static async Task<long> KeyOfAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource_key FROM resource WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Observation Observation(string id, string patientId, string category, string code) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", category)],
        Code = new CodeableConcept("http://loinc.org", code),
        Subject = new ResourceReference("Patient/" + patientId),
    };
}
