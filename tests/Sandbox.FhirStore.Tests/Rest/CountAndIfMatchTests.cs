using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>Messages for <c>_count</c> values out of range and for If-Match on a missing resource.</summary>
public sealed class CountAndIfMatchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Search_CountAboveMaximum_AddsWarning()
    {
        using var response = await Client.GetAsync("Patient?_count=501");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutcomeDiagnostics(bundle), text => text.Contains("maximum page size", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_CountLargerThanInt_AddsWarning()
    {
        using var response = await Client.GetAsync("Patient?_count=100000000000");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutcomeDiagnostics(bundle), text => text.Contains("maximum page size", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_CountZero_HasNoNextLink()
    {
        await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync("Patient?_count=0");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.DoesNotContain(bundle.Link, link => link.Relation == "next");
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IfMatchOnMissingResource_SaysNotFound()
    {
        var patient = TestResources.Patient(id: "ifmatch-" + TestResources.UniqueValue()[..12]);

        using var response = await Client.PutAsync($"Patient/{patient.Id}", patient, ("If-Match", "W/\"3\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("was not found", outcome.Issue[0].Diagnostics);
    }

    private static IEnumerable<string> OutcomeDiagnostics(Bundle bundle) =>
        bundle.Entry
            .Select(entry => entry.Resource)
            .OfType<OperationOutcome>()
            .SelectMany(outcome => outcome.Issue)
            .Select(issue => issue.Diagnostics ?? string.Empty);
}
