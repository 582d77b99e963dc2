using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// XML input gets the nesting limit of JSON input (256), and every reader of stored JSON
/// accepts what the store accepted, so one deep resource never breaks other requests.
/// </summary>
public sealed class DepthInputTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData(300)]
    [InlineData(150)]
    public async System.Threading.Tasks.Task Put_DeepXml_Returns400AndStoresNothing(int levels)
    {
        // 300 nested extensions exceed the limit in XML. 150 are within it but twice as deep in
        // JSON, where each repeating element is an array and an object.
        var id = NewId();
        var opening = string.Concat(Enumerable.Repeat("""<extension url="http://example.org/x">""", levels));
        var closing = string.Concat(Enumerable.Repeat("</extension>", levels));
        var body = $"""<Patient xmlns="http://hl7.org/fhir"><id value="{id}"/>{opening}<valueString value="x"/>{closing}</Patient>""";

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, "application/fhir+xml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("256", outcome.Issue[0].Diagnostics);
        using var read = await Client.GetAsync($"Patient/{id}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("extension", 127, true)]
    [InlineData("extension", 128, false)]
    [InlineData("primitive", 125, true)]
    [InlineData("primitive", 126, false)]
    [InlineData("contained", 126, true)]
    [InlineData("contained", 127, false)]
    public async System.Threading.Tasks.Task Put_XmlAtJsonDepthLimit_AcceptsExactly256(string shape, int levels, bool atLimit)
    {
        // Each nested extension is two JSON levels (an array and an object). The innermost value
        // is a Coding (one more object) at the limit and a string one level past it, so the
        // cases are 256 and 257 levels deep as JSON.
        var id = NewId();
        var innermost = atLimit ? """<valueCoding><code value="x"/></valueCoding>""" : """<valueString value="x"/>""";
        var chain = string.Concat(Enumerable.Repeat("""<extension url="http://example.org/x">""", levels))
            + innermost
            + string.Concat(Enumerable.Repeat("</extension>", levels));
        var content = shape switch
        {
            "extension" => chain,
            "primitive" => $"""<name><given value="Ada">{chain}</given></name>""",
            _ => $"""<contained><Basic><id value="c"/>{chain}<code><text value="x"/></code></Basic></contained>""",
        };
        var body = $"""<Patient xmlns="http://hl7.org/fhir"><id value="{id}"/>{content}</Patient>""";

        using var response = await Client.Http.PutAsync(Client.Url($"Patient/{id}"), FhirTestClient.RawContent(body, "application/fhir+xml"));

        Assert.Equal(atLimit ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ResourceDeeperThan64_Returns200()
    {
        var (_, observationId) = await CreateDeepObservationAsync();

        using var response = await Client.PatchAsync(
            $"Observation/{observationId}",
            """[{"op":"replace","path":"/status","value":"amended"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await FhirTestClient.ReadAsync<Observation>(response);
        Assert.Equal(ObservationStatus.Amended, patched.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_SubjectOfDeepResource_Returns200()
    {
        var (patientId, observationId) = await CreateDeepObservationAsync();

        using var response = await Client.GetAsync($"Patient/{patientId}/$everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Contains(bundle.Entry, entry => entry.Resource?.Id == observationId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_DeepResourceWithElements_Returns200()
    {
        var (_, observationId) = await CreateDeepObservationAsync();

        using var response = await Client.GetAsync($"Observation/{observationId}?_elements=extension");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string NewId() => $"depth-{TestResources.UniqueValue()[..12]}";

    /// <summary>Creates a patient and an Observation of it with 32 nested extensions, 65 levels deep in JSON.</summary>
    private async Task<(string PatientId, string ObservationId)> CreateDeepObservationAsync()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var extension = """{"url":"http://example.org/x","valueString":"x"}""";
        for (var level = 1; level < 32; level++)
            extension = $$"""{"url":"http://example.org/x","extension":[{{extension}}]}""";

        var body = $$"""
            {"resourceType":"Observation","status":"final","code":{"text":"x"},
             "subject":{"reference":"Patient/{{patient.Id}}"},"extension":[{{extension}}]}
            """;
        using var response = await Client.Http.PostAsync(Client.Url("Observation"), FhirTestClient.RawContent(body, FhirTestClient.JsonMediaType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var observation = await FhirTestClient.ReadAsync<Observation>(response);
        return (patient.Id!, observation.Id!);
    }
}
