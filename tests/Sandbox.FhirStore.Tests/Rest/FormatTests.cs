using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class FormatTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("metadata")]
    [InlineData("Patient?_count=1")]
    [InlineData("Patient/no-such-patient")]
    public async System.Threading.Tasks.Task Response_AnyRequest_VariesOnAccept(string relative)
    {
        using var response = await Client.GetAsync(relative, ("Accept", "application/fhir+xml"));

        Assert.Equal(1, response.Headers.Vary.Count(name => string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_AcceptXml_ReturnsXml()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Xml"));

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("Accept", "application/fhir+xml"));

        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<Patient xmlns=\"http://hl7.org/fhir\"", body.TrimStart('\uFEFF').Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", string.Empty, StringComparison.Ordinal));
        Assert.Contains("<family value=\"Xml\" />", body);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_FormatParameterXml_OverridesAccept()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_format=xml", ("Accept", "application/fhir+json"));

        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_AcceptApplicationJson_ReturnsJson()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("Accept", "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_Pretty_IndentsJson()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_pretty=true");

        Assert.Contains("\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnsupportedAccept_Returns406()
    {
        using var response = await Client.GetAsync("metadata", ("Accept", "text/csv"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_XmlBody_StoresResource()
    {
        var xml = TestResources.Patient(family: "FromXml").ToXml();
        using var content = FhirTestClient.RawContent(xml, "application/fhir+xml");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("FromXml", patient.Name[0].Family);
    }

    // The exact bytes the store wrote and returned for the XML body below, so that a change to
    // the XML write path that alters either shows up here.
    private const string ExpectedXml = """
        <?xml version="1.0" encoding="utf-8"?><Patient xmlns="http://hl7.org/fhir"><id value="{id}" /><meta><versionId value="1" /><lastUpdated value="{lastUpdated}" /></meta><text><status value="generated" /><div xmlns="http://www.w3.org/1999/xhtml"><p>Ada <b>Lovelace</b></p></div></text><contained><Basic><id value="note" /><code><text value="Note" /></code></Basic></contained><extension url="http://example.org/colour"><valueCoding><system value="urn:colour" /><code value="blue" /></valueCoding></extension><name><family value="Lovelace" /><given value="Ada" /><given value="Augusta"><extension url="http://example.org/kind"><valueString value="middle" /></extension></given></name><telecom><system value="phone" /><value value="555 0100" /></telecom><gender value="female" /><birthDate value="1815-12-10"><extension url="http://example.org/precise"><valueBoolean value="true" /></extension></birthDate></Patient>
        """;

    private const string ExpectedJson = """
        {"resourceType":"Patient","id":"{id}","meta":{"versionId":"1","lastUpdated":"{lastUpdated}"},"text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ada <b>Lovelace</b></p></div>"},"contained":[{"resourceType":"Basic","id":"note","code":{"text":"Note"}}],"extension":[{"url":"http://example.org/colour","valueCoding":{"system":"urn:colour","code":"blue"}}],"name":[{"family":"Lovelace","given":["Ada","Augusta"],"_given":[null,{"extension":[{"url":"http://example.org/kind","valueString":"middle"}]}]}],"telecom":[{"system":"phone","value":"555 0100"}],"gender":"female","birthDate":"1815-12-10","_birthDate":{"extension":[{"url":"http://example.org/precise","valueBoolean":true}]}}
        """;

    [Fact]
    public async System.Threading.Tasks.Task Put_XmlBody_StoresExpectedJson()
    {
        var id = $"xml-{TestResources.UniqueValue()[..12]}";
        var body = $"""
            <Patient xmlns="http://hl7.org/fhir">
              <id value="{id}"/>
              <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>Ada <b>Lovelace</b></p></div></text>
              <contained><Basic><id value="note"/><code><text value="Note"/></code></Basic></contained>
              <extension url="http://example.org/colour"><valueCoding><system value="urn:colour"/><code value="blue"/></valueCoding></extension>
              <name><family value="Lovelace"/><given value="Ada"/><given value="Augusta"><extension url="http://example.org/kind"><valueString value="middle"/></extension></given></name>
              <telecom><system value="phone"/><value value="555 0100"/></telecom>
              <gender value="female"/>
              <birthDate value="1815-12-10"><extension url="http://example.org/precise"><valueBoolean value="true"/></extension></birthDate>
            </Patient>
            """;
        var request = new HttpRequestMessage(HttpMethod.Put, Client.Url($"Patient/{id}"))
        {
            Content = FhirTestClient.RawContent(body, "application/fhir+xml"),
        };
        request.Headers.Accept.ParseAdd("application/fhir+xml");

        using var response = await Client.Http.SendAsync(request);
        var responseXml = await response.Content.ReadAsStringAsync();
        using var read = await Client.GetAsync($"Patient/{id}");
        var storedJson = await read.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(ExpectedXml, WithoutLastUpdated(responseXml).Replace(id, "{id}", StringComparison.Ordinal));
        Assert.Equal(ExpectedJson, WithoutLastUpdated(storedJson).Replace(id, "{id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/fhir+json", """{"resourceType":"Patient","active":true}""")]
    [InlineData("application/fhir+xml", """<Patient xmlns="http://hl7.org/fhir"><active value="true"/></Patient>""")]
    public async System.Threading.Tasks.Task Create_ByteOrderMark_StoresResource(string mediaType, string body)
    {
        using var content = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(body)]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.True(stored.Active);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ByteOrderMark_AppliesPatch()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        const string Patch = """[{"op":"add","path":"/active","value":true}]""";
        using var content = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Patch)]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json-patch+json");

        using var response = await Client.Http.PatchAsync(Client.Url($"Patient/{created.Id}"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.True(patched.Active);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_UnsupportedContentType_Returns415()
    {
        using var content = new StringContent("name,family", Encoding.UTF8, "text/csv");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    /// <summary>Replaces the time the store wrote into meta.lastUpdated, in JSON or XML, with a placeholder.</summary>
    private static string WithoutLastUpdated(string body) => System.Text.RegularExpressions.Regex.Replace(
        body,
        "(\"lastUpdated\":\"|<lastUpdated value=\")[^\"]+",
        "$1{lastUpdated}");
}
