using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>The request recorded in history entries and the page size limit of history.</summary>
public sealed class HistoryEntryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task History_CreatedByPut_RecordsPut()
    {
        var id = TestResources.UniqueValue();
        (await Client.PutAsync($"Patient/{id}", TestResources.Patient(id: id))).Dispose();

        var history = await ReadBundleAsync($"Patient/{id}/_history");

        var request = history.Entry.Single().Request!;
        Assert.Equal(Bundle.HTTPVerb.PUT, request.Method);
        Assert.Equal($"Patient/{id}", request.Url);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_CreatedByTransactionPut_RecordsPut()
    {
        var id = TestResources.UniqueValue();
        var transaction = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: id), $"Patient/{id}")
            .Build();
        (await Client.PostAsync(string.Empty, transaction)).Dispose();

        var history = await ReadBundleAsync($"Patient/{id}/_history");

        Assert.Equal(Bundle.HTTPVerb.PUT, history.Entry.Single().Request!.Method);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_CreatedByTransactionPost_RecordsPost()
    {
        var transaction = new BundleBuilder(Bundle.BundleType.Transaction).Post(TestResources.Patient()).Build();
        using var posted = await Client.PostAsync(string.Empty, transaction);
        var location = (await FhirTestClient.ReadAsync<Bundle>(posted)).Entry[0].Response!.Location!;
        var id = location.Split('/')[1];

        var history = await ReadBundleAsync($"Patient/{id}/_history");

        var request = history.Entry.Single().Request!;
        Assert.Equal(Bundle.HTTPVerb.POST, request.Method);
        Assert.Equal("Patient", request.Url);
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("100000000000")]
    public async System.Threading.Tasks.Task History_CountAboveMaximum_LowersWithWarning(string count)
    {
        await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/_history?_count={count}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        var outcome = history.Entry.Select(entry => entry.Resource).OfType<OperationOutcome>().Single();
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, outcome.Issue.Single().Severity);
        Assert.Contains("maximum page size", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Contains("_count=1000", history.Link.Single(link => link.Relation == "self").Url, StringComparison.Ordinal);
    }

    private async Task<Bundle> ReadBundleAsync(string relative)
    {
        using var response = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }
}
