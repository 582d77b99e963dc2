using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>Bodies that are not one FHIR resource get 400 with an OperationOutcome, never 500.</summary>
public sealed class BadBodyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    public static TheoryData<string> BadJsonBodies => new()
    {
        "[]",
        "null",
        "42",
        "\"Patient\"",
        "true",
        """{"resourceType":"Patient","name":[{"family":"\ud800"}]}""",
        """{"resourceType":"Patient","multipleBirthInteger":1e999}""",
        """{"resourceType":"Patient","multipleBirthInteger":99999999999999999999999}""",
        """{"resourceType":"Patient","active":true} xyz""",
        """{"resourceType":"Patient"}{"resourceType":"Patient"}""",
        new string('[', 5000) + new string(']', 5000),
        """{"resourceType":"Patient","extension":""" + new string('[', 1000) + new string(']', 1000) + "}",
        """{"resourceType":[]}""",
        """{"resourceType":"Patient","name":{"family":1}}""",
        """{"resourceType":"Patient","name":[{}]}""",
        """{"resourceType":"DomainResource","id":"abstract"}""",
        """{"resourceType":"Resource","id":"abstract"}""",
        """{"resourceType":"Patient","contained":[{"resourceType":"DomainResource","id":"abstract"}]}""",
    };

    [Theory]
    [MemberData(nameof(BadJsonBodies))]
    public async System.Threading.Tasks.Task Create_BadJson_Returns400Outcome(string body)
    {
        using var response = await Client.Http.PostAsync(Client.Url("Patient"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertBadRequestOutcomeAsync(response);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"\ud800"}]},"request":{"method":"POST","url":"Patient"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"DomainResource"},"request":{"method":"POST","url":"Patient"}}]}""")]
    public async System.Threading.Tasks.Task PostBase_BadJson_Returns400Outcome(string body)
    {
        using var response = await Client.Http.PostAsync(fixture.Server.FhirBase, FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        await AssertBadRequestOutcomeAsync(response);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_InvalidUtf8_Returns400Outcome()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"resourceType":"Patient","name":[{"family":"X"}]}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FhirTestClient.JsonMediaType);

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        await AssertBadRequestOutcomeAsync(response);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_XmlEntityExpansion_Returns400Outcome()
    {
        const string Bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Patient xmlns="http://hl7.org/fhir"><name><family value="&lol2;"/></name></Patient>
            """;

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), FhirTestClient.RawContent(Bomb, "application/fhir+xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_AbstractTypeXml_Returns400Outcome()
    {
        const string Body = """<DomainResource xmlns="http://hl7.org/fhir"><id value="abstract"/></DomainResource>""";

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), FhirTestClient.RawContent(Body, "application/fhir+xml"));

        await AssertBadRequestOutcomeAsync(response);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_AbstractContained_Returns400Outcome()
    {
        var patient = await Client.CreateAsync(new Patient { Active = true });
        const string Patch = """[{"op":"add","path":"/contained","value":[{"resourceType":"DomainResource","id":"abstract"}]}]""";

        using var response = await Client.PatchAsync($"Patient/{patient.Id}", Patch);

        await AssertBadRequestOutcomeAsync(response);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TrailingText_StoresNothing()
    {
        var mrn = TestResources.UniqueValue();
        var body = $$"""{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"{{mrn}}"}]} xyz""";

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));

        using var search = await Client.GetAsync($"Patient?identifier={mrn}");
        var bundle = await FhirTestClient.ReadAsync<Bundle>(search);
        Assert.Equal(0, bundle.Total);
    }

    private static async System.Threading.Tasks.Task AssertBadRequestOutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.False(string.IsNullOrEmpty(outcome.Issue[0].Diagnostics));
    }
}
