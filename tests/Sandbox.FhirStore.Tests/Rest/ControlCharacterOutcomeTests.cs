using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Outcomes whose diagnostics quote a request value with a character that XML cannot carry,
/// such as U+0001 or U+FFFF, still serialize as FHIR XML, with the character escaped as text.
/// </summary>
public sealed class ControlCharacterOutcomeTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string XmlMediaType = "application/fhir+xml";

    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("Patient/a%01b", "\\u0001")]
    [InlineData("Patient/a%EF%BF%BFb", "\\uFFFF")]
    public async System.Threading.Tasks.Task Get_InvalidValue_Returns400XmlOutcome(string relative, string escaped)
    {
        using var response = await Client.GetAsync(relative, ("Accept", XmlMediaType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(await ReadXmlAsync(response));
        Assert.Contains(escaped, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Patient?birthdate=x%01y", "x\\u0001y")]
    [InlineData("Patient?_sort=a%01b", "a\\u0001b")]
    public async System.Threading.Tasks.Task Search_IgnoredValue_WarnsInXmlBundle(string relative, string escaped)
    {
        using var response = await Client.GetAsync(relative, ("Accept", XmlMediaType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = Assert.IsType<Bundle>(await ReadXmlAsync(response));
        var outcome = Assert.IsType<OperationOutcome>(Assert.Single(bundle.Entry).Resource);
        Assert.Contains(escaped, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_UnknownParameter_WarnsInXmlBundle()
    {
        using var response = await Client.GetAsync("Patient/_history?a%01b=1", ("Accept", XmlMediaType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = Assert.IsType<Bundle>(await ReadXmlAsync(response));
        var warning = Assert.Single(bundle.Entry, entry => entry.Response?.Outcome is not null);
        var outcome = Assert.IsType<OperationOutcome>(warning.Response?.Outcome);
        Assert.Equal("a\\u0001b", Assert.Single(outcome.Issue[0].Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ControlByteXml_Returns400XmlOutcome()
    {
        // A gzip stream starts with 0x1F, so this is what a compressed body looks like to a
        // server that reads it as XML. The XML parser's message quotes the byte.
        using var content = new ByteArrayContent([0x1F, 0x8B, 0x08, 0x00]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(XmlMediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, Client.Url("Patient")) { Content = content };
        request.Headers.Accept.ParseAdd(XmlMediaType);

        using var response = await Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<OperationOutcome>(await ReadXmlAsync(response));
    }

    private static async Task<Resource> ReadXmlAsync(HttpResponseMessage response)
    {
        Assert.Equal(XmlMediaType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return new FhirXmlDeserializer(new DeserializerSettings()).DeserializeResource(text);
    }
}
