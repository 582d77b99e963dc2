using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>Bundles whose references or full URLs cannot be resolved are rejected, naming the value.</summary>
public sealed class BundleValidationTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string PatientUrl = "urn:uuid:0b8a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private const string MissingUrl = "urn:uuid:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

    [Fact]
    public async System.Threading.Tasks.Task Transaction_DuplicateFullUrl_Returns400NamingIt()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), PatientUrl)
            .Post(TestResources.Patient(), PatientUrl)
            .Build();

        using var response = await PostAsync(bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains(PatientUrl, outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_UnresolvedUrnReference_Returns400NamingIt()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Observation(MissingUrl))
            .Build();

        using var response = await PostAsync(bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains(MissingUrl, outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Batch_UnresolvedUrnReference_FailsOnlyThatEntry()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Post(TestResources.Observation(MissingUrl))
            .Post(TestResources.Patient())
            .Build();

        using var response = await PostAsync(bundle);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.StartsWith("400", result.Entry[0].Response!.Status);
        Assert.StartsWith("201", result.Entry[1].Response!.Status);
    }

    private Task<HttpResponseMessage> PostAsync(Bundle bundle) =>
        fixture.Client.Http.PostAsync(fixture.Server.FhirBase, FhirTestClient.JsonContent(bundle));
}
