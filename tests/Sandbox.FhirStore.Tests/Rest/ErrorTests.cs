using System.Net;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class ErrorTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Create_UnparseableJson_Returns400()
    {
        using var content = FhirTestClient.RawContent("{\"resourceType\": \"Patient\", ", FhirTestClient.JsonMediaType);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_UnknownElement_Returns400WithLocation()
    {
        using var content = FhirTestClient.RawContent("""{"resourceType":"Patient","nickname":"Ada"}""", FhirTestClient.JsonMediaType);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("nickname", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Error_Outcome_CarriesTraceId()
    {
        using var response = await Client.GetAsync("Patient/missing-trace");

        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("trace id", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task WrongMethod_Returns405Outcome()
    {
        using var response = await Client.SendAsync(HttpMethod.Delete, "Patient/wrong-method/_history");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async System.Threading.Tasks.Task TypeSearchPath_OtherMethod_Returns405(string method)
    {
        using var response = await Client.SendAsync(new HttpMethod(method), "Patient/_search");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains("it takes POST", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "metadata", "GET, HEAD")]
    [InlineData("PUT", "metadata", "GET, HEAD")]
    [InlineData("DELETE", "metadata", "GET, HEAD")]
    [InlineData("POST", "_history", "GET, HEAD")]
    [InlineData("PATCH", "_history", "GET, HEAD")]
    [InlineData("PUT", "_search", "POST")]
    [InlineData("GET", "_search", "POST")]
    [InlineData("PUT", "Patient/_history", "GET, HEAD")]
    public async System.Threading.Tasks.Task LiteralPath_OtherMethod_Returns405(string method, string path, string allow)
    {
        var body = new Patient { Active = true };

        using var response = await Client.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow.Split(", "), response.Content.Headers.Allow);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task UnknownPath_Returns404Outcome()
    {
        using var response = await Client.GetAsync("Patient/1/_history/1/extra");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_BodyOverLimit_Returns413()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            OpenFhir = true,
            Settings = new Dictionary<string, string?> { ["Fhir:MaxRequestBodySize"] = "1024" },
        });
        var client = FhirTestClient.For(server);
        var patient = TestResources.Patient(family: new string('x', 2000));

        using var response = await client.PostAsync("Patient", patient);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Fhir:MaxRequestBodySize", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_EmptyBody_Returns400()
    {
        using var content = FhirTestClient.RawContent(string.Empty, FhirTestClient.JsonMediaType);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
