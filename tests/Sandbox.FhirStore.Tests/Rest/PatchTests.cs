using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class PatchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string JsonPatch = "application/json-patch+json";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Patch_ReplaceFamily_StoresNextVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));

        using var response = await PatchAsync($"Patient/{created.Id}", """[{"op":"replace","path":"/name/0/family","value":"New"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("New", patient.Name[0].Family);
        Assert.Equal("2", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_FailedTestOperation_Returns422()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Old"));

        using var response = await PatchAsync($"Patient/{created.Id}", """[{"op":"test","path":"/name/0/family","value":"Other"}]""");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ResultInvalid_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", """[{"op":"add","path":"/gender","value":"robot"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_EmptyPatch_StoresNoVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", "[]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        using var history = await Client.GetAsync($"Patient/{created.Id}/_history");
        Assert.Single((await FhirTestClient.ReadAsync<Bundle>(history)).Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ReplaceResourceType_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", """[{"op":"replace","path":"/resourceType","value":"Observation"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("cannot change resourceType", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_NonStringOp_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", """[{"op":7,"path":"/active","value":true}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""[{"op":"add","op":"replace","path":"/active","value":true}]""")]
    [InlineData("""[{"op":"add","path":"/name/0","value":{"family":"A","family":"B"}}]""")]
    public async System.Threading.Tasks.Task Patch_DuplicateMember_Returns400(string patch)
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_WrongContentType_Returns415()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await PatchAsync($"Patient/{created.Id}", "[]", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_StaleIfMatch_Returns412()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await PatchAsync($"Patient/{created.Id}", "[]", JsonPatch, "W/\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UnknownResource_Returns404()
    {
        using var response = await PatchAsync("Patient/never-created", "[]");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> PatchAsync(string relative, string patch, string mediaType = JsonPatch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, Client.Url(relative))
        {
            Content = FhirTestClient.RawContent(patch, mediaType),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        return Client.Http.SendAsync(request);
    }
}
