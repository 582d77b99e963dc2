using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// FHIR strings exclude control characters other than tab, line feed and carriage return, and
/// XML cannot carry them or U+FFFE/U+FFFF, so JSON writes that contain them get 400 and store nothing.
/// </summary>
public sealed class ControlCharacterInputTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0001")]
    [InlineData("\\u001f")]
    [InlineData("\\u001F")]
    [InlineData("\\b")]
    [InlineData("\\f")]
    [InlineData("\\ufffe")]
    [InlineData("\\uFFFF")]
    public async System.Threading.Tasks.Task Put_EscapedControlCharacter_Returns400AndStoresNothing(string escape)
    {
        var id = NewId();
        var body = $$"""{"resourceType":"Patient","id":"{{id}}","name":[{"given":["Jo"]},{"family":"A{{escape}}B"}]}""";

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertRejectedAsync(response, "Patient.name[1].family");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_RawNoncharacter_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $$"""{"resourceType":"Patient","id":"{{id}}","name":[{"family":"A{{'\uFFFF'}}B"}]}""";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FhirTestClient.JsonMediaType);

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), content);

        await AssertRejectedAsync(response, "Patient.name[0].family");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_XmlCharacterReference_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $"""<Patient xmlns="http://hl7.org/fhir"><id value="{id}"/><name><family value="A&#1;B"/></name></Patient>""";

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, "application/fhir+xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNotStoredAsync($"Patient/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task Put_TabLineFeedAndEscapedBackslash_Returns201()
    {
        var id = NewId();
        var body = $$"""{"resourceType":"Patient","id":"{{id}}","name":[{"text":"A\tB\r\nC\\u0000D"}]}""";

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var xml = await Client.GetAsync($"Patient/{id}?_format=xml");
        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_AddsControlCharacter_Returns400AndKeepsVersion()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PatchAsync(
            $"Patient/{patient.Id}",
            """[{"op":"add","path":"/name","value":[{"family":"A\u0000B"}]}]""");

        await AssertRejectedAsync(response, "Patient.name[0].family");
        var current = await FhirTestClient.ReadAsync<Patient>(await Client.GetAsync($"Patient/{patient.Id}"));
        Assert.Equal(patient.Meta!.VersionId, current.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_ControlCharacterInEntry_Returns400AndStoresNothing()
    {
        var id = NewId();
        var body = $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"resource":{"resourceType":"Patient","id":"{{{id}}}","active":true},"request":{"method":"PUT","url":"Patient/{{{id}}}"}},
             {"resource":{"resourceType":"Patient","id":"{{{id}}}-2","name":[{"family":"A\u0001B"}]},"request":{"method":"PUT","url":"Patient/{{{id}}}-2"}}]}
            """;

        using var response = await Client.Http.PostAsync(fixture.Server.FhirBase, FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertRejectedAsync(response, "Bundle.entry[1].resource.name[0].family");
        await AssertNotStoredAsync($"Patient/{id}");
    }

    private static string NewId() => $"control-{TestResources.UniqueValue()[..12]}";

    private static async System.Threading.Tasks.Task AssertRejectedAsync(HttpResponseMessage response, string expression)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(expression, outcome.Issue[0].Expression.Single());
    }

    private async System.Threading.Tasks.Task AssertNotStoredAsync(string relative)
    {
        using var read = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}
