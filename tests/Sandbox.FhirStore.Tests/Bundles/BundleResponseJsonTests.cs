using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>
/// Compact JSON batch and transaction responses copy the stored bodies into their entries,
/// and pretty JSON goes through the Firely SDK's Bundle. Both must carry the same Bundle.
/// </summary>
public sealed class BundleResponseJsonTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task BatchJson_CompactAndPretty_SameContent()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get($"Patient/{patient.Id}")
            .Get($"Patient/{patient.Id}/_history/1")
            .Get($"Patient/{TestResources.UniqueValue()}")
            .Head($"Patient/{patient.Id}")
            .Build();

        var compact = await PostNormalizedAsync(string.Empty, bundle);
        var pretty = await PostNormalizedAsync("?_pretty=true", bundle);

        Assert.True(JsonNode.DeepEquals(pretty, compact), $"compact: {compact.ToJsonString()}\npretty: {pretty.ToJsonString()}");
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionJson_EntryResource_IsStoredBody()
    {
        var id = TestResources.UniqueValue();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: id), $"Patient/{id}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);
        var written = await response.Content.ReadAsStringAsync();
        using var read = await Client.GetAsync($"Patient/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"resource\":{await read.Content.ReadAsStringAsync()},", written, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionJson_Compact_ParsesAsValidBundle()
    {
        var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Post(TestResources.Observation(patientUrl))
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var result = Assert.IsType<Bundle>(FhirSerializer.ParseJson(bytes));
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        var observation = Assert.IsType<Observation>(result.Entry[1].Resource);
        Assert.Equal($"Patient/{result.Entry[0].Resource!.Id}", observation.Subject!.Reference);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
        Assert.Equal($"W/\"1\"", result.Entry[1].Response!.Etag);
    }

    /// <summary>Posts the Bundle and returns the response without the Bundle id, which differs per response.</summary>
    private async Task<JsonObject> PostNormalizedAsync(string query, Bundle bundle)
    {
        using var response = await Client.Http.PostAsync(Client.Url(query), FhirTestClient.JsonContent(bundle));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        json.Remove("id");
        return json;
    }
}
