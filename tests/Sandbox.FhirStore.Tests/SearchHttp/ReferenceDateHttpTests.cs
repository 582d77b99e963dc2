namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>Reference and date parameters over HTTP.</summary>
public sealed class ReferenceDateHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("Observation?subject=Patient/pat-bob", "obs-lab,obs-weight-g")]
    [InlineData("Observation?subject:Patient=pat-bob", "obs-lab,obs-weight-g")]
    [InlineData("Observation?subject:Device=pat-bob", "")]
    [InlineData("Observation?patient=pat-bob", "obs-lab,obs-weight-g")]
    [InlineData("Observation?subject=Patient/pat-cy", "obs-smoke,obs-temp")]
    [InlineData("Observation?encounter=Encounter/enc-1", "obs-hr")]
    [InlineData("Observation?performer=Practitioner/pr-1,Patient/pat-bob", "obs-hr")]
    [InlineData("Observation?code=29463-7&performer:missing=true", "obs-weight,obs-weight-g")]
    [InlineData("Observation?performer:missing=false", "obs-hr")]
    [InlineData("Observation?subject:identifier=urn:test:mrn|MRN-2", "obs-weight-g")]
    [InlineData("Observation?subject:identifier=urn:test:mrn|MRN-1", "")]
    public async Task Reference_Search_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task Reference_AbsoluteUrlOnOwnBase_MatchesRelative()
    {
        var absolute = Uri.EscapeDataString($"{fixture.Server.FhirBase.AbsoluteUri.TrimEnd('/')}/Patient/pat-bob");

        var bundle = await fixture.SearchAsync($"Observation?subject={absolute}");

        Assert.Equal("obs-lab,obs-weight-g", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task Reference_StoredAbsoluteUrl_MatchesAbsoluteSearch()
    {
        var absolute = Uri.EscapeDataString($"{fixture.Server.FhirBase.AbsoluteUri.TrimEnd('/')}/Patient/pat-cy");

        var bundle = await fixture.SearchAsync($"Observation?subject={absolute}");

        Assert.Equal("obs-smoke,obs-temp", SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("birthdate=1970", "pat-ada")]
    [InlineData("birthdate=eq1970-06", "pat-ada")]
    [InlineData("birthdate=1980-05-15", "")]
    [InlineData("birthdate=1980", "pat-bob")]
    [InlineData("birthdate=ne1970", "pat-bob,pat-cy,pat-dee")]
    [InlineData("birthdate=lt1970", "pat-cy")]
    [InlineData("birthdate=gt1970", "pat-bob,pat-dee")]
    [InlineData("birthdate=le1970-06-01", "pat-ada,pat-cy")]
    [InlineData("birthdate=ge1975", "pat-bob,pat-dee")]
    [InlineData("birthdate=sa1970", "pat-bob,pat-dee")]
    [InlineData("birthdate=eb1975", "pat-ada,pat-cy")]
    // ap widens by 10 % of the distance to today (about 4.5 years for 1982), which reaches
    // Bob's 1980-05 but not Dee's 1975 until the 2040s.
    [InlineData("birthdate=ap1982", "pat-bob")]
    [InlineData("birthdate=ge1970&birthdate=lt1976", "pat-ada,pat-dee")]
    public async Task Date_PatientBirthdate_ComparesRanges(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"Patient?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("Observation?date=2024-03-08", "obs-hr")]
    [InlineData("Observation?date=2024-03-08T10:00:00Z", "obs-hr")]
    [InlineData("Observation?date=2024-03-08T12:00:00%2B02:00", "obs-hr")]
    [InlineData("Observation?date=2024-03-07T08:00:00Z", "obs-weight")]
    [InlineData("Observation?code=85354-9&date=2024-03-01", "obs-bp")]
    [InlineData("Observation?date=2024-03-01T08:30:00Z", "")]
    [InlineData("Observation?date=2024-03-09", "obs-smoke")]
    [InlineData("Observation?date=2024-03-09T04:30:00Z", "obs-smoke")]
    [InlineData("Observation?date=2024-03-08T23:30:00-05:00", "obs-smoke")]
    [InlineData("Encounter?date=ge2024-03-08", "enc-1,enc-2")]
    [InlineData("Encounter?date=lt2024-03-08", "enc-1")]
    [InlineData("Encounter?date=gt2024-03-10", "enc-2")]
    [InlineData("Encounter?date=sa2024-03-08", "enc-2")]
    [InlineData("Encounter?date=eb2024-03-09", "enc-1")]
    [InlineData("Encounter?date=2024-03-09", "")]
    [InlineData("ServiceRequest?occurrence=2024-05-03", "sr-1")]
    [InlineData("ServiceRequest?occurrence=2024-05-02", "")]
    [InlineData("Condition?onset-date=2010", "cond-1")]
    [InlineData("MedicationRequest?authoredon=le2024-01-01", "mr-1")]
    public async Task Date_TypesAndZones_ComparesUtcRanges(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }
}
