using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Sandbox.FhirStore.Tests.Search;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>Unknown and unsupported parameters: reported and ignored by default, rejected with handling=strict.</summary>
public sealed class StrictHandlingHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    private static readonly (string, string) Strict = ("Prefer", "handling=strict");

    [Theory]
    [InlineData("foo")]
    [InlineData("_text")]
    [InlineData("_content")]
    [InlineData("_filter")]
    [InlineData("name:sounds")]
    public async Task Lenient_UnknownParameter_ReportedInOutcome(string name)
    {
        var bundle = await fixture.SearchAsync($"Patient?{name}=x");

        var outcome = BundleAssert.Outcome(bundle);
        Assert.NotNull(outcome);
        Assert.Contains(outcome.Issue, issue => issue.Diagnostics?.Contains(name.Split(':')[0], StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("Patient?_type=Observation", "_type", "_type applies to a search on the base URL only")]
    [InlineData("Patient?_elements=name.given", "_elements", "not paths such as 'name.given'")]
    [InlineData("Patient?_has:Foo:patient:code=1", "_has", "'Foo' is not a FHIR R4 resource type")]
    [InlineData("Patient?_include=Patient:general-practitioner:Foo", "_include", "target type 'Foo'")]
    [InlineData("Patient?_include=Patient:gender", "_include", "'Patient:gender' is not a reference search parameter")]
    [InlineData("Patient?name=lovelace,", "name", "'name' has an empty value")]
    [InlineData("Patient?_id=", "_id", "'_id' has an empty value")]
    [InlineData("Patient?identifier=|", "identifier", "names neither a system nor a code")]
    [InlineData("Patient?gender=|", "gender", "names neither a system nor a code")]
    [InlineData("Patient?_elements=foo", "_elements", "'foo', which is not an element of Patient")]
    public async Task Lenient_MisplacedParameter_ReportedInOutcome(string relative, string name, string reason)
    {
        var bundle = await fixture.SearchAsync(relative);

        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.StartsWith(name, issue.Expression.Single(), StringComparison.Ordinal);
        Assert.Contains(reason, issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal("pat-ada,pat-bob,pat-cy,pat-dee", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task Lenient_TypeListParameterMissingOnOne_ReportsType()
    {
        var bundle = await fixture.SearchAsync("?_type=Observation,Patient&code=8867-4&_id=obs-hr,pat-ada");

        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.Equal("code", issue.Expression.Single());
        Assert.Contains("not defined for Patient,", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal("obs-hr,pat-ada", SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("Patient?_type=Observation")]
    [InlineData("Patient?_elements=name.given")]
    [InlineData("?_type=Observation,Patient&code=8867-4")]
    public async Task Strict_MisplacedParameter_Returns400(string relative)
    {
        using var response = await fixture.Client.GetAsync(relative, Strict);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Lenient_LoneBarCode_IgnoredWithWarning()
    {
        var all = await fixture.SearchAsync("Observation");
        var bundle = await fixture.SearchAsync("Observation?code=|");

        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.Equal("code", issue.Expression.Single());
        Assert.Contains("'|'", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(SearchHttp.Ids(all), SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task Strict_LoneBarCode_Returns400()
    {
        using var response = await fixture.Client.GetAsync("Observation?code=|", Strict);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Patient?_elements=foo")]
    [InlineData("Patient?_elements=gender,foo")]
    [InlineData("?_type=Patient,Observation&_elements=foo")]
    public async Task Strict_UnknownElement_Returns400NamingIt(string relative)
    {
        using var response = await fixture.Client.GetAsync(relative, Strict);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("'foo'", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("_elements", outcome.Issue[0].Expression.Single());
    }

    [Fact]
    public async Task Elements_UnknownBesideKnown_KeepsKnown()
    {
        var bundle = await fixture.SearchAsync("Patient?_id=pat-ada&_elements=gender,foo");

        var patient = (Patient)bundle.Entry.Single(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Resource!;
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Empty(patient.Name);
        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.Contains("'foo'", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elements_ChoiceValue_KeepsValueWithoutWarning()
    {
        var bundle = await fixture.SearchAsync("Observation?_id=obs-hr&_elements=value", Strict);

        var observation = (Observation)bundle.Entry.Single(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Resource!;
        Assert.IsType<Quantity>(observation.Value);
        Assert.Empty(observation.Category);
        Assert.Null(BundleAssert.Outcome(bundle));
    }

    [Fact]
    public async Task Elements_ChoiceTypeName_WarnsWithValue()
    {
        var bundle = await fixture.SearchAsync("Observation?_id=obs-hr&_elements=valueQuantity");

        var issue = Assert.Single(BundleAssert.Outcome(bundle)!.Issue);
        Assert.Contains("Request the choice element value[x] as 'value'", issue.Diagnostics, StringComparison.Ordinal);
        var observation = (Observation)bundle.Entry.Single(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Resource!;
        Assert.NotEmpty(observation.Category);
    }

    [Fact]
    public async Task Elements_NameOfOneSearchedType_Accepted()
    {
        var bundle = await fixture.SearchAsync("?_type=Patient,Observation&_id=pat-ada,obs-hr&_elements=gender,status", Strict);

        var patient = bundle.Entry.Select(entry => entry.Resource).OfType<Patient>().Single();
        var observation = bundle.Entry.Select(entry => entry.Resource).OfType<Observation>().Single();
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Empty(observation.Category);
    }

    [Fact]
    public async Task Elements_PathBesideName_KeepsName()
    {
        var bundle = await fixture.SearchAsync("Patient?_id=pat-ada&_elements=gender,name.given");

        var patient = (Patient)bundle.Entry.Single(entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match).Resource!;
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Empty(patient.Name);
        Assert.NotNull(BundleAssert.Outcome(bundle));
    }

    [Fact]
    public async Task Lenient_UnknownParameter_IgnoredInMatches()
    {
        var bundle = await fixture.SearchAsync("Patient?foo=bar&gender=male");

        Assert.Equal("pat-bob,pat-cy", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async Task Lenient_UnknownParameter_LeftOutOfSelfLink()
    {
        var bundle = await fixture.SearchAsync("Patient?foo=bar&gender=male");

        var self = BundleAssert.Link(bundle, "self");
        Assert.NotNull(self);
        Assert.DoesNotContain("foo", self, StringComparison.Ordinal);
        Assert.Contains("gender=male", self, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo=bar")]
    [InlineData("_text=x")]
    [InlineData("_content=x")]
    [InlineData("birthdate=yesterday")]
    [InlineData("_sort=nosuchparam")]
    [InlineData("_list=$current-problems")]
    [InlineData("family=")]
    [InlineData("identifier=|")]
    public async Task Strict_Unsupported_Returns400NamingIt(string query)
    {
        using var response = await fixture.Client.GetAsync($"Patient?{query}", Strict);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        var name = query.Split('=')[0];
        Assert.Contains(outcome.Issue, issue => issue.Diagnostics?.Contains(name, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("?_type=Foo")]
    [InlineData("?_type=Patient,Foo")]
    [InlineData("_search?_type=Patient,Foo")]
    public async Task SystemSearch_UnknownType_Returns400(string relative)
    {
        using var response = relative.StartsWith("_search", StringComparison.Ordinal)
            ? await fixture.Client.Http.PostAsync(fixture.Client.Url(relative), new FormUrlEncodedContent([]))
            : await fixture.Client.GetAsync(relative);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Value, outcome.Issue[0].Code);
        Assert.Contains("'Foo'", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("_type", outcome.Issue[0].Expression.Single());
    }

    [Fact]
    public async Task Strict_KnownParameters_Returns200()
    {
        var bundle = await fixture.SearchAsync("Patient?gender=male&_sort=birthdate", Strict);

        Assert.Equal("pat-cy,pat-bob", string.Join(",", BundleAssert.MatchIds(bundle)));
    }
}
