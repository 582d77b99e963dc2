using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// A narrative div must be well-formed XHTML that keeps to the FHIR R4 rules txt-1 and txt-2,
/// because XML responses carry it as markup. Each rejected write stores nothing.
/// </summary>
public sealed class NarrativeInputTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    private FhirTestClient Client => fixture.Client;

    public static TheoryData<string> InvalidDivs => new()
    {
        $"""<div xmlns="{Xhtml}">x</div></text><identifier><system value="urn:injected"/><value value="INJECTED"/></identifier><text><status value="generated"/><div xmlns="{Xhtml}">y</div>""",
        $"""<div xmlns="{Xhtml}">unclosed""",
        $"""<div xmlns="{Xhtml}"><script>alert(1)</script>x</div>""",
        $"""<div xmlns="{Xhtml}"><p onclick="alert(1)">x</p></div>""",
        $"""<!DOCTYPE div [<!ENTITY e SYSTEM "file:///etc/passwd">]><div xmlns="{Xhtml}">&e;</div>""",
        """<div>no namespace</div>""",
        $"""<p xmlns="{Xhtml}">not a div</p>""",
        $"""<div xmlns="{Xhtml}">a&nbsp;b</div>""",
        $"""<div xmlns="{Xhtml}"> </div>""",
        $"""<div xmlns="{Xhtml}"><iframe src="http://127.0.0.1/">x</iframe></div>""",
        $"""<div xmlns="{Xhtml}"><a href="javascript:alert(1)">x</a></div>""",
        $"""<div xmlns="{Xhtml}"><a href=" JavaScript:alert(1)">x</a></div>""",
        $"""<div xmlns="{Xhtml}"><a href="java&#9;script:alert(1)">x</a></div>""",
        $"""<div xmlns="{Xhtml}"><p>x <img src="vbscript:msgbox(1)" alt="y"/></p></div>""",
    };

    [Fact]
    public async System.Threading.Tasks.Task Put_NarrativeScriptLink_NamesTheAttribute()
    {
        var id = NewId();
        var div = $"""<div xmlns="{Xhtml}"><p>See <a href="javascript:alert(1)">the chart</a></p></div>""";
        var body = PatientJson(id, JsonSerializer.Serialize(new { status = "generated", div }));

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("the href attribute of <a>", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_NarrativeWebLink_IsStored()
    {
        var id = NewId();
        var div = $"""<div xmlns="{Xhtml}"><p>See <a href="https://example.org/javascript:guide">the guide</a></p></div>""";
        var body = PatientJson(id, JsonSerializer.Serialize(new { status = "generated", div }));

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(InvalidDivs))]
    public async System.Threading.Tasks.Task Put_InvalidNarrative_Returns400AndStoresNothing(string div)
    {
        var id = NewId();
        var body = PatientJson(id, JsonSerializer.Serialize(new { status = "generated", div }));

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertRejectedAsync(response, "Patient.text.div");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_InvalidContainedNarrative_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $$$"""
            {"resourceType":"Patient","id":"{{{id}}}","contained":[{"resourceType":"Practitioner","id":"p1",
             "text":{"status":"generated","div":"<div xmlns=\"{{{Xhtml}}}\"><script>alert(1)</script>x</div>"}}]}
            """;

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertRejectedAsync(response, "Patient.contained[0].text.div");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_XmlNarrativeWithScript_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $"""
            <Patient xmlns="http://hl7.org/fhir"><id value="{id}"/><text><status value="generated"/>
            <div xmlns="{Xhtml}"><p onmouseover="alert(1)">x</p></div></text></Patient>
            """;

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, "application/fhir+xml"));

        await AssertRejectedAsync(response, "Patient.text.div");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_InvalidEntryNarrative_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"resource":{"resourceType":"Patient","id":"{{{id}}}","active":true},"request":{"method":"PUT","url":"Patient/{{{id}}}"}},
             {"resource":{"resourceType":"Patient","id":"{{{id}}}-2","text":{"status":"generated","div":"<div xmlns=\"{{{Xhtml}}}\">unclosed"}},
              "request":{"method":"PUT","url":"Patient/{{{id}}}-2"}}]}
            """;

        using var response = await Client.Http.PostAsync(fixture.Server.FhirBase, FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertRejectedAsync(response, "Bundle.entry[1].resource.text.div");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_ValidNarrative_ReadsBackAsXml()
    {
        var id = NewId();
        var div = $"""<div xmlns="{Xhtml}"><p class="x">Jane &amp; <b>Doe</b></p><table><tr><td>1</td></tr></table></div>""";
        var body = PatientJson(id, JsonSerializer.Serialize(new { status = "generated", div }));
        using var put = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var read = await Client.GetAsync($"Patient/{id}?_format=xml");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var xml = XDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Single(xml.Root!.Elements(XName.Get("text", "http://hl7.org/fhir")));
    }

    private static string NewId() => $"narrative-{TestResources.UniqueValue()[..12]}";

    private static string PatientJson(string id, string text) =>
        $$"""{"resourceType":"Patient","id":"{{id}}","text":{{text}}}""";

    private static async System.Threading.Tasks.Task AssertRejectedAsync(HttpResponseMessage response, string expression)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(expression, outcome.Issue[0].Expression.Single());
        Assert.Contains(expression, outcome.Issue[0].Diagnostics);
    }

    private async System.Threading.Tasks.Task AssertNotStoredAsync(string relative)
    {
        using var read = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}
