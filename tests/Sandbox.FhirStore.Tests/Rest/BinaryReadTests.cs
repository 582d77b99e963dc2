using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Read and vread of a Binary: its data with its own contentType unless the request names
/// a FHIR format, with the versioning and security headers of any FHIR response.
/// </summary>
public sealed class BinaryReadTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string BrowserAccept =
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    // Starts with a UTF-8 byte order mark and contains a zero byte, which text handling would lose.
    private static readonly byte[] PdfData = [0xEF, 0xBB, 0xBF, (byte)'%', (byte)'P', (byte)'D', (byte)'F', 0x00, 0xFF];

    private const string FhirPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string SandboxedPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Read_NoAccept_ReturnsContent()
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfData, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("*/*", "application/pdf")]
    [InlineData("application/*", "application/pdf")]
    [InlineData(BrowserAccept, "application/pdf")]
    [InlineData("application/fhir+json;q=0.5, */*", "application/pdf")]
    [InlineData("application/pdf, application/fhir+json;q=0.5", "application/pdf")]
    [InlineData("application/fhir+json", "application/fhir+json")]
    [InlineData("application/json", "application/fhir+json")]
    [InlineData("application/fhir+json; fhirVersion=4.0", "application/fhir+json")]
    [InlineData("application/fhir+xml", "application/fhir+xml")]
    [InlineData("*/*, application/fhir+xml", "application/fhir+xml")]
    [InlineData("application/pdf;q=0.5, application/fhir+xml", "application/fhir+xml")]
    public async System.Threading.Tasks.Task Read_Accept_ChoosesRepresentation(string accept, string expected)
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_AcceptJson_ReturnsResource()
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", "application/fhir+json"));

        var read = await FhirTestClient.ReadAsync<Binary>(response);
        Assert.Equal("application/pdf", read.ContentType);
        Assert.Equal(PdfData, read.Data);
    }

    [Theory]
    [InlineData("_format=json", "application/fhir+json")]
    [InlineData("_format=xml", "application/fhir+xml")]
    [InlineData("_summary=true", "application/fhir+json")]
    [InlineData("_elements=contentType", "application/fhir+json")]
    public async System.Threading.Tasks.Task Read_ResourceParameter_ReturnsResource(string query, string expected)
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/*")]
    [InlineData("application/pdf;q=0, */*")]
    [InlineData("application/fhir+json;q=0, application/pdf;q=0")]
    public async System.Threading.Tasks.Task Read_UnavailableAccept_Returns406(string accept)
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains("application/pdf", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnknownBinaryAcceptPdf_Returns404()
    {
        var id = TestResources.UniqueValue();

        using var response = await Client.GetAsync($"Binary/{id}", ("Accept", "application/pdf"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_XmlContentAcceptXml_ReturnsContent()
    {
        var document = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>"u8.ToArray();
        var binary = await CreateAsync("text/xml", document);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", "text/xml"));

        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(document, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_Content_KeepsSecurityHeaders()
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", BrowserAccept));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal(FhirPolicy, Header(response, "Content-Security-Policy"));
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xhtml+xml")]
    [InlineData("image/svg+xml")]
    [InlineData("application/xml")]
    [InlineData("application/cda+xml")]
    [InlineData("text/javascript")]
    [InlineData("application/javascript")]
    [InlineData("text/css")]
    [InlineData("application/json")]
    [InlineData("application/x-shockwave-flash")]
    [InlineData("multipart/x-mixed-replace")]
    public async System.Threading.Tasks.Task Read_ActiveContent_IsSandboxedAttachment(string contentType)
    {
        var binary = await CreateAsync(contentType, "<html><script>alert(1)</script></html>"u8.ToArray());

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", BrowserAccept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(SandboxedPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("text/plain")]
    [InlineData("video/mp4")]
    [InlineData("audio/mpeg")]
    public async System.Threading.Tasks.Task Read_PassiveContent_IsSandboxedInline(string contentType)
    {
        var binary = await CreateAsync(contentType, PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}", ("Accept", BrowserAccept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(SandboxedPolicy, Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("script")]
    [InlineData("worker")]
    [InlineData("serviceworker")]
    [InlineData("style")]
    [InlineData("xslt")]
    public async System.Threading.Tasks.Task Read_ExecutingDestination_Returns403(string destination)
    {
        var binary = await CreateAsync("text/javascript", "alert(document.cookie)"u8.ToArray());

        using var response = await Client.GetAsync(
            $"Binary/{binary.Id}",
            ("Accept", "*/*"),
            ("Sec-Fetch-Dest", destination));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FhirPolicy, Header(response, "Content-Security-Policy"));
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Security, outcome.Issue[0].Code);
        Assert.Contains(destination, outcome.Issue[0].Diagnostics);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("document")]
    [InlineData("image")]
    public async System.Threading.Tasks.Task Read_ReadingDestination_ReturnsContent(string destination)
    {
        var script = "alert(document.cookie)"u8.ToArray();
        var binary = await CreateAsync("text/javascript", script);

        using var response = await Client.GetAsync(
            $"Binary/{binary.Id}",
            ("Accept", "*/*"),
            ("Sec-Fetch-Dest", destination));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(script, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_ScriptDestinationJson_ReturnsResource()
    {
        var binary = await CreateAsync("text/javascript", "alert(1)"u8.ToArray());

        using var response = await Client.GetAsync(
            $"Binary/{binary.Id}",
            ("Accept", "application/fhir+json"),
            ("Sec-Fetch-Dest", "script"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FhirPolicy, Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("not a media type")]
    [InlineData("*/*")]
    public async System.Threading.Tasks.Task Read_InvalidContentType_ServesOctetStream(string contentType)
    {
        var binary = await CreateAsync(contentType, PdfData);

        using var response = await Client.GetAsync($"Binary/{binary.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfData, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_NoData_ReturnsEmptyContent()
    {
        var binary = await CreateAsync("text/plain", null);

        using var response = await Client.GetAsync($"Binary/{binary.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_SecurityContext_SetsHeader()
    {
        var binary = new Binary
        {
            ContentType = "application/pdf",
            Data = PdfData,
            SecurityContext = new ResourceReference("Patient/p-1"),
        };
        var created = await Client.CreateAsync(binary);

        using var response = await Client.GetAsync($"Binary/{created.Id}");

        Assert.Equal("Patient/p-1", Header(response, "X-Security-Context"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_IfNoneMatch_Returns304()
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.GetAsync(
            $"Binary/{binary.Id}",
            ("Accept", "*/*"),
            ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Head_Content_ReturnsHeadersOnly()
    {
        var binary = await CreateAsync("application/pdf", PdfData);

        using var response = await Client.SendAsync(HttpMethod.Head, $"Binary/{binary.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfData.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Vread_OldVersion_ReturnsItsContent()
    {
        var binary = await CreateAsync("text/plain", "first"u8.ToArray());
        binary.Data = "second"u8.ToArray();
        using (var update = await Client.PutAsync($"Binary/{binary.Id}", binary))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        using var response = await Client.GetAsync($"Binary/{binary.Id}/_history/1", ("Accept", "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("first"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_AcceptPdf_Returns406()
    {
        using var response = await Client.GetAsync("Binary?_count=1", ("Accept", "application/pdf"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(",", response.Headers.GetValues(name));

    private Task<Binary> CreateAsync(string? contentType, byte[]? data) =>
        Client.CreateAsync(new Binary { ContentType = contentType, Data = data });
}
