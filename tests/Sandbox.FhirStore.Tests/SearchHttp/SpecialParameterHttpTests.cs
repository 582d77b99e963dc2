namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>Common parameters, chaining, reverse chaining, OR and AND, compartments and system-wide search over HTTP.</summary>
public sealed class SpecialParameterHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("Patient?_id=pat-ada,pat-bob", "pat-ada,pat-bob")]
    [InlineData("Patient?_lastUpdated=gt2000-01-01", "pat-ada,pat-bob,pat-cy,pat-dee")]
    [InlineData("Patient?_lastUpdated=lt2000-01-01", "")]
    [InlineData("Patient?_tag=urn:test:tags|vip", "pat-ada")]
    [InlineData("Patient?_tag=urn:test:tags|other", "")]
    [InlineData("Patient?_profile=http://example.org/fhir/StructureDefinition/test-patient", "pat-ada")]
    [InlineData("Patient?_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R", "pat-ada")]
    [InlineData("Patient?_source=urn:test:source-a", "pat-ada")]
    [InlineData("Patient?_source=urn:test:source-b", "")]
    [InlineData("Patient?_list=list-1", "pat-ada,pat-cy")]
    [InlineData("Patient?_list=list-1&gender=male", "pat-cy")]
    [InlineData("Patient?_id=pat-ada,pat-bob&_list=list-1", "pat-ada")]
    [InlineData("Observation?_list=list-1", "")]
    public async Task Common_Parameter_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task CapabilityStatement_Patient_ListsListParameter()
    {
        using var response = await fixture.Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<Hl7.Fhir.Model.CapabilityStatement>(response);
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        Assert.Contains(patient.SearchParam, parameter => parameter.Name == "_list");
    }

    [Theory]
    [InlineData("Observation?subject:Patient.name=lovelace", "obs-bp,obs-hr,obs-weight")]
    [InlineData("Observation?patient.identifier=urn:test:mrn|MRN-2", "obs-lab,obs-weight-g")]
    [InlineData("Observation?subject.family=smithson", "obs-smoke,obs-temp")]
    [InlineData("Observation?subject:Patient.birthdate=lt1970", "obs-smoke,obs-temp")]
    [InlineData("MedicationRequest?medication.code=860975", "mr-1")]
    [InlineData("MedicationRequest?medication.code=999", "")]
    [InlineData("Patient?_has:Observation:patient:code=4548-4", "pat-bob")]
    [InlineData("Patient?_has:Observation:subject:code=8867-4", "pat-ada")]
    [InlineData("Patient?_has:Observation:subject:code=1-1", "")]
    [InlineData("Practitioner?_has:MedicationRequest:requester:status=active", "pr-1")]
    public async Task Chain_ForwardAndReverse_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("Observation?code=8867-4,4548-4", "obs-hr,obs-lab")]
    [InlineData("Patient?name=ada&name=lovelace", "pat-ada")]
    [InlineData("Patient?name=ada&name=bob", "")]
    [InlineData("Patient?gender=male&birthdate=lt1975", "pat-cy")]
    [InlineData("Patient?family=lovelace,muller&gender=male", "pat-bob")]
    public async Task Values_CommaOrRepeatedAnd_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task SystemPostSearch_FormBody_MatchesExpected()
    {
        using var content = new FormUrlEncodedContent([new("_id", "pat-ada,obs-hr"), new("_type", "Patient,Observation")]);

        using var response = await fixture.Client.Http.PostAsync(fixture.Client.Url("_search"), content);

        Assert.Equal("obs-hr,pat-ada", SearchHttp.Ids(await SearchHttp.ReadBundleAsync(response)));
    }

    [Theory]
    [InlineData("Patient/pat-ada/Observation", "obs-bp,obs-hr,obs-weight")]
    [InlineData("Patient/pat-ada/Observation?code=8867-4", "obs-hr")]
    [InlineData("Patient/pat-bob/Observation", "obs-hr,obs-lab,obs-weight-g")]
    [InlineData("Patient/pat-ada/Encounter", "enc-1")]
    [InlineData("?_id=pat-ada,obs-hr", "obs-hr,pat-ada")]
    [InlineData("?_type=Condition,MedicationRequest", "cond-1,mr-1")]
    [InlineData("?_type=Observation&_tag=urn:test:tags|vip", "")]
    [InlineData("?_type=Observation,Condition&patient=pat-ada", "cond-1,obs-bp,obs-hr,obs-weight")]
    [InlineData("?_type=Observation,Encounter&subject=Patient/pat-bob", "enc-2,obs-lab,obs-weight-g")]
    [InlineData("?_type=Encounter&status=in-progress", "enc-2")]
    [InlineData("?_type=Observation,Condition&patient=pat-ada&_id=cond-1,obs-hr", "cond-1,obs-hr")]
    [InlineData("?_tag=urn:test:tags|vip", "pat-ada")]
    public async Task Scope_CompartmentAndSystem_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }
}
