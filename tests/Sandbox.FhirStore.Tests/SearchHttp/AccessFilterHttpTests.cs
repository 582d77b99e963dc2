using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Search;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// Searches with patient-scoped SMART tokens over HTTP: the token's compartment and category
/// filter applies inside the query, so no match, count, page, include or chain reaches outside it.
/// </summary>
public sealed class AccessFilterHttpTests(AccessFilterHttpFixture fixture) : IClassFixture<AccessFilterHttpFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Search_PatientToken_OnlyOwnCompartment()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Observation");

        Assert.Equal("obs-bp,obs-hr,obs-weight", SearchHttp.Ids(bundle));
        Assert.Equal(3, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_OtherPatientsId_MatchesNothing()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Observation?_id=obs-lab,obs-hr");

        Assert.Equal("obs-hr", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_PatientToken_PagesStayInCompartment()
    {
        var first = await SearchAsync(fixture.AdaClient, "Observation?_count=1");
        var ids = BundleAssert.MatchIds(first);
        var next = BundleAssert.Link(first, "next");
        for (var page = 0; next is not null && page < 10; page++)
        {
            var bundle = await SearchHttp.FollowAsync(fixture.AdaClient, next);
            ids.AddRange(BundleAssert.MatchIds(bundle));
            next = BundleAssert.Link(bundle, "next");
        }

        Assert.Equal(["obs-bp", "obs-hr", "obs-weight"], ids.Order().ToList());
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_OtherPatient_NotIncluded()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Observation?_id=obs-hr&_include=Observation:performer");

        Assert.Empty(BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Include_OwnPatient_Included()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Observation?_id=obs-hr&_include=Observation:*");

        Assert.Equal(["Patient/pat-ada"], BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task RevInclude_OtherPatientsData_NotIncluded()
    {
        var bundle = await SearchAsync(fixture.AdaUserPatientsClient, "Patient?_revinclude=Observation:subject");

        Assert.Equal("pat-ada,pat-bob,pat-cy,pat-dee", SearchHttp.Ids(bundle));
        Assert.Equal(
            ["Observation/obs-bp", "Observation/obs-hr", "Observation/obs-weight"],
            BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task IncludeIterate_OtherPatient_NotIncluded()
    {
        var bundle = await SearchAsync(
            fixture.AdaClient,
            "Patient?_revinclude=Observation:subject&_include:iterate=Observation:performer");

        Assert.Equal(
            ["Observation/obs-bp", "Observation/obs-hr", "Observation/obs-weight"],
            BundleAssert.IncludedReferences(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Chain_OtherPatient_MatchesNothing()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Observation?subject:Patient.name=muller");

        Assert.Equal(string.Empty, SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Has_OtherPatientsData_MatchesNothing()
    {
        var bundle = await SearchAsync(fixture.AdaUserPatientsClient, "Patient?_has:Observation:subject:code=4548-4");

        Assert.Equal(string.Empty, SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Has_OwnData_MatchesOwnPatient()
    {
        var bundle = await SearchAsync(fixture.AdaUserPatientsClient, "Patient?_has:Observation:subject:code=8867-4");

        Assert.Equal("pat-ada", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Compartment_OtherPatient_OnlySharedResources()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "Patient/pat-bob/Observation");

        Assert.Equal("obs-hr", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task CompartmentPost_OtherPatient_OnlySharedResources()
    {
        using var content = new FormUrlEncodedContent([new("_count", "50")]);
        using var response = await fixture.AdaClient.PostAsync("Patient/pat-bob/Observation/_search", content);

        var bundle = await SearchHttp.ReadBundleAsync(response);

        Assert.Equal("obs-hr", SearchHttp.Ids(bundle));
        Assert.Equal(1, bundle.Total);
    }

    [Theory]
    [InlineData("Patient/pat-bob/Patient")]
    [InlineData("Patient/pat-bob/Observation?code=4548-4")]
    [InlineData("Patient/pat-bob/Patient?_revinclude=Observation:subject")]
    public async System.Threading.Tasks.Task Compartment_OtherPatient_LooksLikeNoPatient(string relative)
    {
        var other = await SearchAsync(fixture.AdaClient, relative);
        var missing = await SearchAsync(fixture.AdaClient, relative.Replace("pat-bob", "no-such-patient"));

        Assert.Equal(string.Empty, SearchHttp.Ids(other));
        Assert.Equal(0, other.Total);
        Assert.Empty(other.Entry);
        Assert.Equal(missing.Total, other.Total);
        Assert.Equal(missing.Entry.Count, other.Entry.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task SystemSearch_PatientToken_OnlyGrantedAndOwn()
    {
        var bundle = await SearchAsync(fixture.AdaClient, "?_type=Observation,Patient,Condition");

        Assert.Equal("obs-bp,obs-hr,obs-weight,pat-ada", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task GranularScope_Category_OnlyThatCategory()
    {
        var bundle = await SearchAsync(fixture.BobLaboratoryClient, "Observation");

        Assert.Equal("obs-lab", SearchHttp.Ids(bundle));
        Assert.Equal(1, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task GranularScope_LoneBarCode_MatchesNothing()
    {
        var bundle = await SearchAsync(fixture.AdaLoneBarCodeClient, "Observation");

        Assert.Equal(string.Empty, SearchHttp.Ids(bundle));
        Assert.Equal(0, bundle.Total);
    }

    private static async Task<Bundle> SearchAsync(HttpClient client, string relative)
    {
        using var response = await client.GetAsync(relative);
        return await SearchHttp.ReadBundleAsync(response);
    }
}
