using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Create and update of a Binary whose body is its content: the body becomes data, the
/// Content-Type becomes contentType and X-Security-Context becomes securityContext.
/// </summary>
public sealed class BinaryWriteTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    // Starts with a UTF-8 byte order mark, which the FHIR body reader removes and a content body must keep.
    private static readonly byte[] PngData = [0xEF, 0xBB, 0xBF, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x00, 0xFF];

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Create_ContentBody_StoresBinary()
    {
        using var response = await SendAsync(HttpMethod.Post, "Binary", PngData, "image/png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        var location = response.Headers.Location!.AbsolutePath;
        Assert.Matches("^/fhir/Binary/[^/]+/_history/1$", location);
        var stored = await ReadResourceAsync(location.Split('/')[^3]);
        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(PngData, stored.Data);
        Assert.Null(stored.SecurityContext);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ContentBody_ReadsBackSameBytes()
    {
        using var created = await SendAsync(HttpMethod.Post, "Binary", PngData, "image/png");
        var id = created.Headers.Location!.AbsolutePath.Split('/')[^3];

        using var response = await Client.GetAsync($"Binary/{id}", ("Accept", "image/png"));

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PngData, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_Charset_KeepsParameter()
    {
        var text = "héllo"u8.ToArray();
        using var created = await SendAsync(HttpMethod.Post, "Binary", text, "text/plain; charset=utf-8");
        var id = created.Headers.Location!.AbsolutePath.Split('/')[^3];

        using var response = await Client.GetAsync($"Binary/{id}");

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("héllo", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("application/xml")]
    public async System.Threading.Tasks.Task Create_XmlDocument_StoresContent(string contentType)
    {
        var document = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>"u8.ToArray();

        using var response = await SendAsync(HttpMethod.Post, "Binary", document, contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await ReadResourceAsync(response.Headers.Location!.AbsolutePath.Split('/')[^3]);
        Assert.Equal(contentType, stored.ContentType);
        Assert.Equal(document, stored.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_FhirJsonBody_ParsesResource()
    {
        var binary = new Binary { ContentType = "image/png", Data = PngData };

        using var response = await Client.PostAsync("Binary", binary);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await ReadResourceAsync(response.Headers.Location!.AbsolutePath.Split('/')[^3]);
        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(PngData, stored.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_EmptyContentBody_StoresNoData()
    {
        using var response = await SendAsync(HttpMethod.Post, "Binary", [], "application/octet-stream");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await ReadResourceAsync(response.Headers.Location!.AbsolutePath.Split('/')[^3]);
        Assert.Equal("application/octet-stream", stored.ContentType);
        Assert.Null(stored.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ContentBodyOnOtherType_Returns415()
    {
        using var response = await SendAsync(HttpMethod.Post, "DocumentReference", PngData, "image/png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_NoContentType_ParsesAsJson()
    {
        using var response = await SendAsync(HttpMethod.Post, "Binary", PngData, contentType: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_SecurityContext_SetsReference()
    {
        using var response = await SendAsync(
            HttpMethod.Post,
            "Binary",
            PngData,
            "image/png",
            ("X-Security-Context", "Patient/p-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await ReadResourceAsync(response.Headers.Location!.AbsolutePath.Split('/')[^3]);
        Assert.Equal("Patient/p-1", stored.SecurityContext?.Reference);
    }

    [Theory]
    [InlineData("not a reference")]
    [InlineData("Patient/")]
    [InlineData("Nothing/p-1")]
    [InlineData("Patient/p-1/_history/1")]
    [InlineData("http://example.org/fhir/Patient/p-1")]
    public async System.Threading.Tasks.Task Update_InvalidSecurityContext_Returns400(string securityContext)
    {
        var id = TestResources.UniqueValue();

        using var response = await SendAsync(
            HttpMethod.Put,
            $"Binary/{id}",
            PngData,
            "image/png",
            ("X-Security-Context", securityContext));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
        Assert.Equal("Binary.securityContext", outcome.Issue[0].Expression.Single());
        using var read = await Client.GetAsync($"Binary/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TwoSecurityContexts_Returns400()
    {
        using var response = await SendAsync(
            HttpMethod.Post,
            "Binary",
            PngData,
            "image/png",
            ("X-Security-Context", "Patient/p-1"),
            ("X-Security-Context", "Patient/p-2"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_ContentBody_CreatesThenUpdates()
    {
        var id = TestResources.UniqueValue();

        using var created = await SendAsync(HttpMethod.Put, $"Binary/{id}", "one"u8.ToArray(), "text/plain");
        using var updated = await SendAsync(
            HttpMethod.Put,
            $"Binary/{id}",
            "two"u8.ToArray(),
            "text/plain",
            ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("W/\"2\"", updated.Headers.ETag?.ToString());
        Assert.EndsWith($"/fhir/Binary/{id}/_history/2", updated.Headers.Location!.AbsolutePath);
        var stored = await ReadResourceAsync(id);
        Assert.Equal("two"u8.ToArray(), stored.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_StaleIfMatch_Returns412()
    {
        var id = TestResources.UniqueValue();
        using var created = await SendAsync(HttpMethod.Put, $"Binary/{id}", "one"u8.ToArray(), "text/plain");

        using var response = await SendAsync(
            HttpMethod.Put,
            $"Binary/{id}",
            "two"u8.ToArray(),
            "text/plain",
            ("If-Match", "W/\"7\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var stored = await ReadResourceAsync(id);
        Assert.Equal("one"u8.ToArray(), stored.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_PreferRepresentation_ReturnsResource()
    {
        using var response = await SendAsync(
            HttpMethod.Post,
            "Binary",
            PngData,
            "image/png",
            ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var binary = await FhirTestClient.ReadAsync<Binary>(response);
        Assert.Equal(PngData, binary.Data);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_AcceptImage_Returns406WithoutWrite()
    {
        var securityContext = $"Patient/{TestResources.UniqueValue()}";

        using var response = await SendAsync(
            HttpMethod.Post,
            "Binary",
            PngData,
            "image/png",
            ("Accept", "image/png"),
            ("X-Security-Context", securityContext));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var history = await Client.ReadBundleAsync("Binary/_history?_count=1000");
        var references = history.Entry.Select(entry => (entry.Resource as Binary)?.SecurityContext?.Reference);
        Assert.DoesNotContain(securityContext, references);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ContentOverLimit_Returns413()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            OpenFhir = true,
            Settings = new Dictionary<string, string?> { ["Fhir:MaxRequestBodySize"] = "1024" },
        });
        var client = FhirTestClient.For(server);
        using var content = new ByteArrayContent(new byte[2048]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var response = await client.Http.PostAsync(client.Url("Binary"), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Fhir:MaxRequestBodySize", outcome.Issue[0].Diagnostics);
        var history = await client.ReadBundleAsync("Binary/_history");
        Assert.Empty(history.Entry);
    }

    private Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relative,
        byte[] body,
        string? contentType,
        params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, Client.Url(relative)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);

        return Client.Http.SendAsync(request);
    }

    private async Task<Binary> ReadResourceAsync(string id)
    {
        using var response = await Client.GetAsync($"Binary/{id}", ("Accept", "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Binary>(response);
    }
}
