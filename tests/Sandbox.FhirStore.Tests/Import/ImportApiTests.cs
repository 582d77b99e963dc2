using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Import;

namespace Sandbox.FhirStore.Tests.Import;

public sealed class ImportApiTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private HttpClient Http => fixture.Client.Http;

    [Fact]
    public async System.Threading.Tasks.Task Import_Ndjson_StoresResourcesWithTheirIds()
    {
        var ids = Enumerable.Range(0, 3).Select(index => $"ndjson-{TestResources.UniqueValue()[..8]}-{index}").ToList();
        var lines = ids.Select(id => TestResources.Patient(id: id).ToJson());
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal("completed", status.State);
        Assert.Equal(3, status.Resources);
        Assert.Equal(0, status.Errors);
        foreach (var id in ids)
        {
            using var read = await fixture.Client.GetAsync($"Patient/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_InvalidLine_CountsErrorAndKeepsOthers()
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var body = TestResources.Patient(id: id).ToJson() + "\n{\"resourceType\":\"Patient\",\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal(1, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.Contains("Line 2", status.Messages.Single());
    }

    [Theory]
    [InlineData("_elements=id")]
    [InlineData("_summary=true")]
    public async System.Threading.Tasks.Task Import_InvalidDateValue_ShapedSearchReturns200(string shape)
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var body = $"{{\"resourceType\":\"Patient\",\"id\":\"{id}\",\"birthDate\":\"not-a-date\"}}\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");
        var status = await ImportAsync(content);

        using var response = await fixture.Client.GetAsync($"Patient?_id={id}&{shape}");
        // The body is read as plain JSON, because a validating FHIR parser rejects the stored date.
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(1, status.Resources);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (string)bundle["entry"]![0]!["resource"]!["id"]!);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_CollectionBundle_ResolvesFullUrls()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var patientId = $"coll-{TestResources.UniqueValue()[..8]}";
        var observation = TestResources.Observation(patientUrl);
        observation.Id = $"coll-{TestResources.UniqueValue()[..8]}";
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = patientUrl, Resource = TestResources.Patient(id: patientId) });
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = observation });
        using var content = new StringContent(bundle.ToJson(), Encoding.UTF8, "application/fhir+json");

        var status = await ImportAsync(content);

        Assert.Equal(2, status.Resources);
        using var read = await fixture.Client.GetAsync($"Observation/{observation.Id}");
        var stored = await FhirTestClient.ReadAsync<Observation>(read);
        Assert.Equal($"Patient/{patientId}", stored.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_JsonWithByteOrderMark_StoresResource()
    {
        var id = $"bom-{TestResources.UniqueValue()[..8]}";
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(TestResources.Patient(id: id).ToJson())];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json");

        var status = await ImportAsync(content);

        Assert.Equal(0, status.Errors);
        Assert.Equal(1, status.Resources);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_GzipNdjson_StoresResources()
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(TestResources.Patient(id: id).ToJson()));
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+ndjson");
        content.Headers.ContentEncoding.Add("gzip");

        var status = await ImportAsync(content);

        Assert.Equal("completed", status.State);
        Assert.Equal(1, status.Resources);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync($"Patient/{id}"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_UnknownContentEncoding_Returns415Problem()
    {
        using var content = new StringContent(TestResources.Patient().ToJson(), Encoding.UTF8, "application/fhir+json");
        content.Headers.ContentEncoding.Add("compress");

        using var response = await Http.PostAsync("api/import", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_UnknownJob_Returns404Problem()
    {
        using var response = await Http.GetAsync("api/import/no-such-job");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_EmptyBody_Returns400Problem()
    {
        using var content = new StringContent(string.Empty, Encoding.UTF8, "application/fhir+json");

        using var response = await Http.PostAsync("api/import", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async System.Threading.Tasks.Task Import_WrongContentType_Returns415Problem(string mediaType)
    {
        using var content = new StringContent(TestResources.Patient().ToJson(), Encoding.UTF8, mediaType);

        using var response = await Http.PostAsync("api/import", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_ArrayLine_KeepsValidLines()
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var body = TestResources.Patient(id: id).ToJson() + "\n[]\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal(1, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.Contains("Line 2", status.Messages.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_AbstractTypeLine_KeepsValidLines()
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var body = TestResources.Patient(id: id).ToJson() + "\n{\"resourceType\":\"DomainResource\",\"id\":\"abstract\"}\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal(1, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.StartsWith("Line 2", status.Messages.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_UnstorableLine_KeepsOtherLines()
    {
        var id = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var unresolved = TestResources.Observation("urn:uuid:5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
        var body = TestResources.Patient(id: id).ToJson() + "\n" + unresolved.ToJson() + "\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal(1, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.StartsWith("Line 2", status.Messages.Single());
    }

    [Theory]
    [InlineData("\"gender\":\"robot\"")]
    [InlineData("\"active\":\"x\"")]
    public async System.Threading.Tasks.Task Import_InvalidValueLine_CountsErrorAndStoresOthers(string invalidMember)
    {
        var prefix = $"ndjson-{TestResources.UniqueValue()[..8]}";
        var lines = new[]
        {
            $"{{\"resourceType\":\"Patient\",\"id\":\"{prefix}-before\",\"active\":true}}",
            $"{{\"resourceType\":\"Patient\",\"id\":\"{prefix}-bad\",{invalidMember}}}",
            $"{{\"resourceType\":\"Patient\",\"id\":\"{prefix}-after\",\"active\":true}}",
        };
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal("completed", status.State);
        Assert.Equal(2, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.StartsWith("Line 2: ", status.Messages.Single());
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync($"Patient/{prefix}-before"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync($"Patient/{prefix}-after"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync($"Patient/{prefix}-bad"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_InvalidValueEntry_EndsFailed()
    {
        var prefix = $"bundle-{TestResources.UniqueValue()[..8]}";
        var body = $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"resource":{"resourceType":"Patient","id":"{{{prefix}}}-ok","active":true},
               "request":{"method":"PUT","url":"Patient/{{{prefix}}}-ok"}},
              {"resource":{"resourceType":"Patient","id":"{{{prefix}}}-bad","gender":"robot"},
               "request":{"method":"PUT","url":"Patient/{{{prefix}}}-bad"}}]}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+json");

        var status = await ImportAsync(content);

        Assert.Equal("failed", status.State);
        Assert.Equal(0, status.Resources);
        Assert.Equal(2, status.Errors);
        Assert.Contains("robot", status.Messages.Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync($"Patient/{prefix}-ok"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_MalformedJson_ReportsPosition()
    {
        using var content = new StringContent("{\"resourceType\":\"Patient\",", Encoding.UTF8, "application/fhir+json");

        var status = await ImportAsync(content);

        Assert.Equal("failed", status.State);
        Assert.Equal(1, status.Errors);
        Assert.Contains("at line 1", status.Messages.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_EveryLineInvalid_EndsFailed()
    {
        using var content = new StringContent("{\"resourceType\":\"Patient\",\n[1]\n", Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal("failed", status.State);
        Assert.Equal(0, status.Resources);
        Assert.Equal(2, status.Errors);
    }

    private async Task<HttpStatusCode> StatusOfAsync(string relative)
    {
        using var response = await fixture.Client.GetAsync(relative);
        return response.StatusCode;
    }

    private async Task<ImportJobStatus> ImportAsync(HttpContent content)
    {
        using var response = await Http.PostAsync("api/import", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        return await ImportPolling.WaitForCompletionAsync(Http, location);
    }
}
