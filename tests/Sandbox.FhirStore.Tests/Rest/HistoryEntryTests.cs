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
        var outcome = (OperationOutcome)history.Entry.Single(entry => entry.Response?.Outcome is not null).Response!.Outcome!;
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, outcome.Issue.Single().Severity);
        Assert.Contains("maximum page size", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Contains("_count=1000", history.Link.Single(link => link.Relation == "self").Url, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_CountWarning_HasNoResource()
    {
        await Client.CreateAsync(TestResources.Patient());

        var history = await ReadBundleAsync("Patient/_history?_count=1001");

        Assert.DoesNotContain(history.Entry, entry => entry.Resource is OperationOutcome);
        var warning = history.Entry.Single(entry => entry.Response?.Outcome is not null);
        Assert.Null(warning.Resource);
        Assert.Equal(Bundle.HTTPVerb.GET, warning.Request!.Method);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_Patch_RecordsPatch()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PatchAsync($"Patient/{created.Id}", """[{"op":"add","path":"/active","value":true}]""")).Dispose();

        var history = await ReadBundleAsync($"Patient/{created.Id}/_history");

        var request = history.Entry[0].Request!;
        Assert.Equal(Bundle.HTTPVerb.PATCH, request.Method);
        Assert.Equal($"Patient/{created.Id}", request.Url);
        Assert.Equal("200 OK", history.Entry[0].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_UnknownParameter_Warns()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var history = await ReadBundleAsync($"Patient/{created.Id}/_history?_sincee=2024-01-01");

        var outcome = (OperationOutcome)history.Entry.Single(entry => entry.Response?.Outcome is not null).Response!.Outcome!;
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, issue.Severity);
        Assert.Equal("_sincee", Assert.Single(issue.Expression));
    }

    [Fact]
    public async System.Threading.Tasks.Task History_UnknownParameter_LeftOutOfSelfLink()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        var history = await ReadBundleAsync($"Patient/{created.Id}/_history?_sincee=2024-01-01");

        Assert.DoesNotContain("_sincee", history.Link.Single(link => link.Relation == "self").Url, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_UnknownParameterStrict_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history?_sincee=2024-01-01", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Equal("_sincee", Assert.Single(outcome.Issue[0].Expression));
    }

    private async Task<Bundle> ReadBundleAsync(string relative)
    {
        using var response = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }
}
