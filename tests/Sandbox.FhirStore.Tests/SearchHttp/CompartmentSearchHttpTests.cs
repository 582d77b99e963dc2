using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// Patient compartment searches over HTTP (<c>GET Patient/[id]/[type]</c> and
/// <c>POST Patient/[id]/[type]/_search</c>): the type search restricted to the compartment.
/// </summary>
public sealed class CompartmentSearchHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("code=8867-4", "obs-hr")]
    [InlineData("", "obs-bp,obs-hr,obs-weight")]
    [InlineData("code=4548-4", "")]
    public async System.Threading.Tasks.Task PostSearch_FormBody_MatchesGet(string form, string expected)
    {
        var get = await fixture.SearchAsync($"Patient/pat-ada/Observation?{form}");

        var post = await PostAsync("Patient/pat-ada/Observation/_search", form);

        Assert.Equal(expected, SearchHttp.Ids(get));
        Assert.Equal(expected, SearchHttp.Ids(post));
    }

    [Fact]
    public async System.Threading.Tasks.Task PostSearch_UrlAndBody_BothApply()
    {
        var bundle = await PostAsync("Patient/pat-bob/Observation/_search?code=8867-4,4548-4", "_id=obs-lab,obs-hr,obs-bp");

        Assert.Equal("obs-hr,obs-lab", SearchHttp.Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task PostSearch_SelfLink_NamesCompartment()
    {
        var bundle = await PostAsync("Patient/pat-ada/Observation/_search", "code=8867-4");

        var self = Search.BundleAssert.Link(bundle, "self");
        Assert.NotNull(self);
        Assert.Contains("/Patient/pat-ada/Observation?", self);
        Assert.Contains("code=8867-4", self);
    }

    [Fact]
    public async System.Threading.Tasks.Task PostSearch_JsonBody_Returns415()
    {
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/fhir+json");

        using var response = await fixture.Client.Http.PostAsync(fixture.Client.Url("Patient/pat-ada/Observation/_search"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task GetSearchSegment_Returns405()
    {
        using var response = await fixture.Client.GetAsync("Patient/pat-ada/Observation/_search");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("GET", "Patient/pat-ada/NoSuchType", "'NoSuchType' is not a FHIR R4 resource type")]
    [InlineData("POST", "Patient/pat-ada/NoSuchType/_search", "'NoSuchType' is not a FHIR R4 resource type")]
    [InlineData("GET", "Patient/pat-ada/*", "'*' is not a FHIR R4 resource type")]
    [InlineData("GET", "Observation/obs-hr/Patient", "'Observation' is not a compartment")]
    [InlineData("POST", "Observation/obs-hr/Patient/_search", "'Observation' is not a compartment")]
    public async System.Threading.Tasks.Task UnknownTypeOrCompartment_Returns404(string method, string relative, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.Client.Url(relative));
        if (method == "POST")
            request.Content = new FormUrlEncodedContent([]);

        using var response = await fixture.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains(message, outcome.Issue[0].Diagnostics);
    }

    [Theory]
    [InlineData("GET", "Patient/pat-ada/Practitioner")]
    [InlineData("POST", "Patient/pat-ada/Practitioner/_search")]
    public async System.Threading.Tasks.Task TypeOutsideCompartment_Returns400(string method, string relative)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.Client.Url(relative));
        if (method == "POST")
            request.Content = new FormUrlEncodedContent([]);

        using var response = await fixture.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Practitioner is not part of the Patient compartment", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task CapabilityStatement_ListsPatientCompartment()
    {
        using var response = await fixture.Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
        Assert.Equal(["http://hl7.org/fhir/CompartmentDefinition/patient"], statement.Rest[0].Compartment);
    }

    private async Task<Bundle> PostAsync(string relative, string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await fixture.Client.Http.PostAsync(fixture.Client.Url(relative), content);
        return await SearchHttp.ReadBundleAsync(response);
    }
}
