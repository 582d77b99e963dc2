using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>GET entries of batches and transactions that name the capabilities or other entries.</summary>
public sealed class BundleReadEntryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData(Bundle.BundleType.Batch)]
    [InlineData(Bundle.BundleType.Transaction)]
    public async System.Threading.Tasks.Task BundleGetMetadata_ReturnsCapabilityStatement(Bundle.BundleType type)
    {
        var bundle = new BundleBuilder(type).Get("metadata").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.Equal("200 OK", entry.Response!.Status);
        Assert.IsType<CapabilityStatement>(entry.Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionSearch_UrnUuidParameter_FindsNewResource()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Post(TestResources.Observation(patientUrl))
            .Get($"Observation?subject={patientUrl}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var searchset = (Bundle)result.Entry[2].Resource!;
        var observationId = result.Entry[1].Response!.Location!.Split('/')[1];
        Assert.Equal(observationId, searchset.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionSearch_UrnUuidId_FindsNewResource()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Get($"Patient?_id={patientUrl}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        var patientId = result.Entry[0].Response!.Location!.Split('/')[1];
        Assert.Equal(patientId, ((Bundle)result.Entry[1].Resource!).Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchGet_BareUrnUuid_NamesEntry()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get("metadata")
            .Get($"urn:uuid:{Guid.NewGuid()}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry[1];
        Assert.StartsWith("400", entry.Response!.Status, StringComparison.Ordinal);
        var issue = entry.Response.Outcome is OperationOutcome outcome ? outcome.Issue[0] : null;
        Assert.NotNull(issue);
        Assert.Contains("Bundle.entry[1]", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("fullUrl", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionGet_BareUrnUuid_NamesEntry()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Get(patientUrl)
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Bundle.entry[1]", Assert.Single(outcome.Issue[0].Expression));
        Assert.Contains("fullUrl", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchGet_CompartmentSearch_NamesEntryOnce()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get("Patient/p1/Observation?_count=1")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        var diagnostics = ((OperationOutcome)entry.Response!.Outcome!).Issue[0].Diagnostics!;
        Assert.StartsWith("400", entry.Response.Status, StringComparison.Ordinal);
        Assert.Equal(1, CountOf("Bundle.entry[0]", diagnostics));
        Assert.Contains("separate requests", diagnostics, StringComparison.Ordinal);
    }

    private static int CountOf(string part, string text) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
