using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>HEAD as a request and as a batch entry: the status and headers of the GET, without the body.</summary>
public sealed class HeadTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Head_Read_ReturnsHeadersOnly()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.SendAsync(HttpMethod.Head, $"Patient/{patient.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Head_UnknownResource_Returns404()
    {
        using var response = await Client.SendAsync(HttpMethod.Head, $"Patient/{TestResources.UniqueValue()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Head_Search_Returns200()
    {
        using var response = await Client.SendAsync(HttpMethod.Head, "Patient?_count=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchHead_Read_ReturnsNoResource()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Head($"Patient/{patient.Id}").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.Equal("200 OK", entry.Response!.Status);
        Assert.Equal("W/\"1\"", entry.Response.Etag);
        Assert.Null(entry.Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchHead_UnknownResource_Returns404()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Head($"Patient/{TestResources.UniqueValue()}").Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.StartsWith("404", entry.Response!.Status, StringComparison.Ordinal);
    }
}
