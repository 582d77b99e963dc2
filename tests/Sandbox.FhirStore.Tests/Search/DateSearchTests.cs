using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class DateSearchTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new Patient { Id = "june1970", BirthDate = "1970-06-01" },
            new Patient { Id = "year1970", BirthDate = "1970" },
            new Patient { Id = "dec1969", BirthDate = "1969-12-31" },
            new Patient { Id = "may1980", BirthDate = "1980-05" },
            NewEncounter("before", "2024-03-07T10:00:00Z", "2024-03-07T11:00:00Z"),
            NewEncounter("spanning", "2024-03-07T22:00:00Z", "2024-03-08T02:00:00Z"),
            NewEncounter("after", "2024-03-09T08:00:00+02:00", null),
            NewEncounter("late-zone", "2024-03-08T23:30:00-05:00", "2024-03-08T23:45:00-05:00"));
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("birthdate=1970", "june1970,year1970")]
    [InlineData("birthdate=1970-06", "june1970")]
    [InlineData("birthdate=eq1970-06-01", "june1970")]
    [InlineData("birthdate=ne1970", "dec1969,may1980")]
    [InlineData("birthdate=lt1970", "dec1969")]
    [InlineData("birthdate=le1970-06-01", "dec1969,june1970,year1970")]
    [InlineData("birthdate=gt1970-06-01", "may1980,year1970")]
    [InlineData("birthdate=ge1970", "june1970,may1980,year1970")]
    [InlineData("birthdate=sa1970", "may1980")]
    [InlineData("birthdate=eb1970", "dec1969")]
    [InlineData("birthdate=ap1980-05-15", "may1980")]
    [InlineData("birthdate=ge1970-01-01&birthdate=lt1971-01-01", "june1970,year1970")]
    public async System.Threading.Tasks.Task Birthdate_Prefix_ComparesRanges(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Patient", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Theory]
    [InlineData("date=2024-03-09", "late-zone")]
    [InlineData("date=ge2024-03-08", "after,late-zone,spanning")]
    [InlineData("date=lt2024-03-08", "before,spanning")]
    [InlineData("date=gt2024-03-09", "after")]
    [InlineData("date=ge2024-03-09T04:40:00Z", "after,late-zone")]
    [InlineData("date=sa2024-03-07", "after,late-zone")]
    public async System.Threading.Tasks.Task EncounterPeriod_Prefix_ComparesUtcRanges(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Encounter", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task LastUpdated_Ge_UsesRowTimestamp()
    {
        var all = await _store.SearchAsync("Patient", "_lastUpdated=ge2000-01-01");
        var none = await _store.SearchAsync("Patient", "_lastUpdated=gt2100-01-01");

        Assert.Equal(4, all.Entry.Count);
        Assert.Empty(none.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Birthdate_InvalidDate_ReportedAsUnused()
    {
        var bundle = await _store.SearchAsync("Patient", "birthdate=yesterday");

        var outcome = BundleAssert.Outcome(bundle);
        Assert.NotNull(outcome);
        Assert.Contains("birthdate", outcome.Issue[0].Diagnostics);
        Assert.Equal(4, BundleAssert.MatchIds(bundle).Count);
    }

    [Theory]
    [InlineData("birthdate=0000-01-01")]
    [InlineData("birthdate=9999-12-31")]
    [InlineData("birthdate=2024-01-01T10:00:00+99:00")]
    [InlineData("birthdate=2024-02-30")]
    public async System.Threading.Tasks.Task Birthdate_OutOfRange_ReportedNotThrown(string query)
    {
        var bundle = await _store.SearchAsync("Patient", query);

        Assert.NotNull(BundleAssert.Outcome(bundle));
    }

    private static Encounter NewEncounter(string id, string start, string? end) => new()
    {
        Id = id,
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
        Period = new Period { Start = start, End = end },
    };
}
