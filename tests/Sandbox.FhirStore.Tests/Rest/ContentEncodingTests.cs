using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Request bodies sent with a <c>Content-Encoding</c>: gzip, deflate and br are decoded before
/// the parse, and any other coding gets 415 with an OperationOutcome and the supported codings
/// in <c>Accept-Encoding</c>, as RFC 7694 recommends.
/// </summary>
public sealed class ContentEncodingTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("GZIP")]
    public async System.Threading.Tasks.Task Create_EncodedBody_StoresDecodedResource(string coding)
    {
        var family = TestResources.UniqueValue();
        var json = $$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}""";
        using var content = EncodedContent(Encoding.UTF8.GetBytes(json), FhirTestClient.JsonMediaType, coding);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(family, stored.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TwoCodings_DecodesBoth()
    {
        var family = TestResources.UniqueValue();
        var json = Encoding.UTF8.GetBytes($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}""");
        using var content = new ByteArrayContent(Compress(Compress(json, "gzip"), "br"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FhirTestClient.JsonMediaType);
        content.Headers.ContentEncoding.Add("gzip");
        content.Headers.ContentEncoding.Add("br");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(family, (await FhirTestClient.ReadAsync<Patient>(response)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_RawDeflate_StoresDecodedResource()
    {
        // Some clients send a raw deflate stream, without the zlib wrapper that HTTP's deflate coding has.
        var family = TestResources.UniqueValue();
        var json = Encoding.UTF8.GetBytes($$"""{"resourceType":"Patient","name":[{"family":"{{family}}"}]}""");
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(json);
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FhirTestClient.JsonMediaType);
        content.Headers.ContentEncoding.Add("deflate");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(family, (await FhirTestClient.ReadAsync<Patient>(response)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_EncodedXml_StoresDecodedResource()
    {
        var family = TestResources.UniqueValue();
        var xml = $"""<Patient xmlns="http://hl7.org/fhir"><name><family value="{family}"/></name></Patient>""";
        using var content = EncodedContent(Encoding.UTF8.GetBytes(xml), "application/fhir+xml", "gzip");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_UnknownCoding_Returns415()
    {
        using var content = EncodedContent([1, 2, 3], FhirTestClient.JsonMediaType, "compress");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("gzip", response.Headers.GetValues("Accept-Encoding").Single(), StringComparison.Ordinal);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains("compress", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async System.Threading.Tasks.Task Create_PlainBodyLabelledEncoded_Returns400(string coding)
    {
        using var content = FhirTestClient.RawContent("""{"resourceType":"Patient"}""", FhirTestClient.JsonMediaType);
        content.Headers.ContentEncoding.Add(coding);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
        Assert.Contains($"not valid {coding} data", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_DecodedBodyOverLimit_Returns413()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            OpenFhir = true,
            Settings = new Dictionary<string, string?> { ["Fhir:MaxRequestBodySize"] = "1024" },
        });
        var client = FhirTestClient.For(server);
        var json = $$"""{"resourceType":"Patient","name":[{"family":"{{new string('x', 4000)}}"}]}""";
        using var content = EncodedContent(Encoding.UTF8.GetBytes(json), FhirTestClient.JsonMediaType, "gzip");

        using var response = await client.Http.PostAsync(client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Fhir:MaxRequestBodySize", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private static ByteArrayContent EncodedContent(byte[] body, string mediaType, string coding)
    {
        var content = new ByteArrayContent(coding == "compress" ? body : Compress(body, coding.ToLowerInvariant()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        content.Headers.ContentEncoding.Add(coding);
        return content;
    }

    private static byte[] Compress(byte[] body, string coding)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "No encoder for this coding."),
        })
        {
            encoder.Write(body);
        }

        return output.ToArray();
    }
}
