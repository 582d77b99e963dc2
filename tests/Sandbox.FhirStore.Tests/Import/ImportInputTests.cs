using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Import;

namespace Sandbox.FhirStore.Tests.Import;

/// <summary>
/// An import applies the input checks of the REST API: a line with a control character or an
/// invalid narrative counts as an error, is not stored, and the other lines are.
/// </summary>
public sealed class ImportInputTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private HttpClient Http => fixture.Client.Http;

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"ID","name":[{"family":"A\u0000B"}]}""", "Patient.name[0].family")]
    [InlineData("""{"resourceType":"Patient","id":"ID","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script>x</div>"}}""", "Patient.text.div")]
    public async System.Threading.Tasks.Task Import_InvalidInputLine_CountsErrorAndKeepsOthers(string badLine, string expression)
    {
        var goodId = $"import-{TestResources.UniqueValue()[..8]}";
        var badId = $"import-{TestResources.UniqueValue()[..8]}";
        var body = TestResources.Patient(id: goodId).ToJson() + "\n" + badLine.Replace("\"ID\"", $"\"{badId}\"", StringComparison.Ordinal) + "\n";
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+ndjson");

        var status = await ImportAsync(content);

        Assert.Equal("completed", status.State);
        Assert.Equal(1, status.Resources);
        Assert.Equal(1, status.Errors);
        Assert.StartsWith("Line 2", status.Messages.Single());
        Assert.Contains(expression, status.Messages.Single());
        using var bad = await fixture.Client.GetAsync($"Patient/{badId}");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        using var good = await fixture.Client.GetAsync($"Patient/{goodId}");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Import_BundleWithControlCharacter_CountsErrorAndStoresNothing()
    {
        var goodId = $"import-{TestResources.UniqueValue()[..8]}";
        var body = $$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
             {"resource":{"resourceType":"Patient","id":"{{{goodId}}}","active":true}},
             {"resource":{"resourceType":"Patient","name":[{"family":"A\uffffB"}]}}]}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/fhir+json");

        var status = await ImportAsync(content);

        Assert.Equal(1, status.Errors);
        Assert.Contains("Bundle.entry[1].resource.name[0].family", status.Messages.Single());
        using var read = await fixture.Client.GetAsync($"Patient/{goodId}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private async Task<ImportJobStatus> ImportAsync(HttpContent content)
    {
        using var response = await Http.PostAsync("api/import", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await ImportPolling.WaitForCompletionAsync(Http, response.Headers.Location!);
    }
}
