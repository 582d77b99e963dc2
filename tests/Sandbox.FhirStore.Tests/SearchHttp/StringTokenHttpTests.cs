namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>String and token parameters over HTTP, each modifier on each kind of element.</summary>
public sealed class StringTokenHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("name=lov", "pat-ada")]
    [InlineData("name=LOVELACE", "pat-ada")]
    [InlineData("family=muller", "pat-bob")]
    [InlineData("family=Müll", "pat-bob")]
    [InlineData("given=augusta", "pat-ada")]
    [InlineData("name=smith", "pat-cy,pat-dee")]
    [InlineData("name:exact=Smith", "pat-dee")]
    [InlineData("name:exact=smith", "")]
    [InlineData("name:contains=ITHS", "pat-cy")]
    [InlineData("family:contains=ll", "pat-bob")]
    [InlineData("address=montreal", "pat-ada")]
    [InlineData("address=12 rue", "pat-ada")]
    [InlineData("address:contains=eglise", "pat-ada")]
    [InlineData("address-city=berlin", "pat-bob")]
    [InlineData("address-postalcode=H2X", "pat-ada")]
    [InlineData("address-state=qc", "pat-ada")]
    [InlineData("address-country=de", "pat-bob")]
    public async Task String_Search_MatchesExpected(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"Patient?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("Patient?gender=female", "pat-ada,pat-dee")]
    [InlineData("Patient?gender:not=female", "pat-bob,pat-cy")]
    [InlineData("Observation?code=8867-4", "obs-hr")]
    [InlineData("Observation?code=http://loinc.org|8867-4", "obs-hr")]
    [InlineData("Observation?code=http://snomed.info/sct|8867-4", "")]
    [InlineData("Observation?code=|8867-4", "")]
    [InlineData("Observation?code:text=heart", "obs-hr")]
    [InlineData("Observation?code:text=smoker", "")]
    [InlineData("Observation?value-concept:text=never", "obs-smoke")]
    [InlineData("Observation?category=vital-signs&code=29463-7", "obs-weight,obs-weight-g")]
    [InlineData("Observation?category:not=vital-signs", "obs-lab,obs-smoke")]
    [InlineData("Encounter?class=AMB", "enc-1")]
    [InlineData("Encounter?class=http://terminology.hl7.org/CodeSystem/v3-ActCode|IMP", "enc-2")]
    [InlineData("Patient?identifier=urn:test:mrn|MRN-1", "pat-ada")]
    [InlineData("Patient?identifier=MRN-2", "pat-bob")]
    [InlineData("Patient?identifier=|NOSYS-4", "pat-dee")]
    [InlineData("Patient?identifier=|MRN-1", "")]
    [InlineData("Patient?identifier=urn:test:mrn|", "pat-ada,pat-bob")]
    [InlineData("Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|MRN-2", "pat-bob")]
    [InlineData("Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|DL|MRN-2", "")]
    [InlineData("Patient?identifier:text=x", "")]
    [InlineData("Patient?phone=555-0100", "pat-ada")]
    [InlineData("Patient?email=bob@example.org", "pat-bob")]
    [InlineData("Patient?telecom=email|ada@example.org", "pat-ada")]
    [InlineData("Patient?telecom=phone|ada@example.org", "")]
    [InlineData("Patient?active=true", "pat-ada")]
    [InlineData("Patient?active=false", "pat-bob")]
    [InlineData("Patient?active:missing=true", "pat-cy,pat-dee")]
    [InlineData("Patient?active:missing=false", "pat-ada,pat-bob")]
    public async Task Token_Search_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }
}
