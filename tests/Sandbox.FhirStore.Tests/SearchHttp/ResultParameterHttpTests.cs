using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Sandbox.FhirStore.Tests.Search;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>Sorting, includes, summaries, elements and totals over HTTP.</summary>
public sealed class ResultParameterHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("_sort=birthdate", "pat-cy,pat-ada,pat-dee,pat-bob")]
    [InlineData("_sort=-birthdate", "pat-bob,pat-dee,pat-ada,pat-cy")]
    [InlineData("_sort=gender,-birthdate", "pat-dee,pat-ada,pat-bob,pat-cy")]
    [InlineData("_sort=-gender,birthdate", "pat-cy,pat-bob,pat-ada,pat-dee")]
    [InlineData("_sort=family", "pat-ada,pat-bob,pat-dee,pat-cy")]
    [InlineData("_sort=-_id", "pat-dee,pat-cy,pat-bob,pat-ada")]
    public async Task Sort_Keys_OrderMatches(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"Patient?{query}");

        Assert.Equal(expected, string.Join(",", BundleAssert.MatchIds(bundle)));
    }

    [Theory]
    [InlineData("MedicationRequest?_include=MedicationRequest:medication", "Medication/med-1")]
    [InlineData("MedicationRequest?_include=MedicationRequest:medication:Substance", "")]
    [InlineData("Observation?_id=obs-hr&_include=Observation:*", "Encounter/enc-1,Patient/pat-ada,Patient/pat-bob,Practitioner/pr-1")]
    [InlineData("Observation?_id=obs-hr&_include=Observation:performer:Practitioner", "Practitioner/pr-1")]
    [InlineData("Patient?_id=pat-bob&_revinclude=Observation:subject", "Observation/obs-lab,Observation/obs-weight-g")]
    [InlineData("Patient?_id=pat-cy&_revinclude=Observation:*", "Observation/obs-smoke,Observation/obs-temp")]
    [InlineData("Observation?_id=obs-hr&_include=Observation:subject&_include=Patient:organization", "Patient/pat-ada")]
    [InlineData("Observation?_id=obs-hr&_include=Observation:subject&_include:iterate=Patient:organization", "Organization/org-1,Patient/pat-ada")]
    [InlineData("Medication?_revinclude=MedicationRequest:medication&_include:iterate=MedicationRequest:patient", "MedicationRequest/mr-1,Patient/pat-ada")]
    [InlineData("Organization?_revinclude=Patient:organization&_revinclude=Observation:subject", "Patient/pat-ada")]
    [InlineData("Organization?_revinclude=Patient:organization&_revinclude:iterate=Observation:subject", "Observation/obs-bp,Observation/obs-hr,Observation/obs-weight,Patient/pat-ada")]
    public async Task Include_Request_IncludesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, string.Join(",", BundleAssert.IncludedReferences(bundle)));
    }

    [Fact]
    public async Task Include_Entries_CarryIncludeMode()
    {
        var bundle = await fixture.SearchAsync("MedicationRequest?_include=MedicationRequest:medication");

        var medication = Assert.Single(bundle.Entry, entry => entry.Resource is Medication);
        Assert.Equal(Bundle.SearchEntryMode.Include, medication.Search?.Mode);
        var request = Assert.Single(bundle.Entry, entry => entry.Resource is MedicationRequest);
        Assert.Equal(Bundle.SearchEntryMode.Match, request.Search?.Mode);
    }

    [Fact]
    public async Task Summary_Count_ReturnsTotalOnly()
    {
        var bundle = await fixture.SearchAsync("Patient?_summary=count");

        Assert.Equal(4, bundle.Total);
        Assert.Empty(BundleAssert.MatchIds(bundle));
    }

    [Fact]
    public async Task Summary_True_KeepsSummaryElementsOnly()
    {
        var ada = await ReadAdaAsync("_summary=true");

        Assert.NotEmpty(ada.Name);
        Assert.Empty(ada.GeneralPractitioner);
        Assert.Null(ada.Text);
        Assert.Contains(ada.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    [Fact]
    public async Task Summary_Text_KeepsNarrative()
    {
        var ada = await ReadAdaAsync("_summary=text");

        Assert.NotNull(ada.Text);
        Assert.Empty(ada.Name);
        Assert.Contains(ada.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    [Fact]
    public async Task Summary_Data_DropsNarrative()
    {
        var ada = await ReadAdaAsync("_summary=data");

        Assert.Null(ada.Text);
        Assert.NotEmpty(ada.GeneralPractitioner);
    }

    [Fact]
    public async Task Summary_False_ReturnsWholeResource()
    {
        var ada = await ReadAdaAsync("_summary=false");

        Assert.NotNull(ada.Text);
        Assert.NotEmpty(ada.GeneralPractitioner);
        Assert.DoesNotContain(ada.Meta?.Tag ?? [], tag => tag.Code == "SUBSETTED");
    }

    [Fact]
    public async Task Elements_BirthDate_KeepsOnlyThat()
    {
        var ada = await ReadAdaAsync("_elements=birthDate");

        Assert.Equal("1970-06-01", ada.BirthDate);
        Assert.Empty(ada.Name);
        Assert.Contains(ada.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("accurate", 4)]
    [InlineData("estimate", 4)]
    public async Task Total_Mode_SetsTotal(string mode, int? expected)
    {
        var bundle = await fixture.SearchAsync($"Patient?_total={mode}");

        Assert.Equal(expected, bundle.Total);
    }

    [Fact]
    public async Task Everything_SelfLink_NamesOperation()
    {
        var bundle = await fixture.SearchAsync("Patient/pat-ada/$everything?_count=1");

        var self = Assert.Single(bundle.Link, link => link.Relation == "self");
        Assert.EndsWith("/Patient/pat-ada/$everything?_count=1", self.Url);
    }

    private async System.Threading.Tasks.Task<Patient> ReadAdaAsync(string query)
    {
        var bundle = await fixture.SearchAsync($"Patient?_id=pat-ada&{query}");
        return Assert.IsType<Patient>(Assert.Single(bundle.Entry).Resource);
    }
}
