using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// A conditional create, update or delete whose condition has only result parameters gets
/// 400, as one without parameters does, because result parameters select no resources. The
/// store contains one Organization, which such a condition would otherwise match.
/// </summary>
public sealed class ResultOnlyConditionTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private const string OnlyId = "only-org";

    private string? _storedVersion;

    private FhirTestClient Client => fixture.Client;

    // Runs before each test, so each test starts from a known current version.
    public async System.Threading.Tasks.Task InitializeAsync()
    {
        using var response = await Client.PutAsync($"Organization/{OnlyId}", new Organization { Id = OnlyId, Name = "Only" });
        Assert.True(response.IsSuccessStatusCode, $"Storing {OnlyId} returned {(int)response.StatusCode}.");
        _storedVersion = response.Headers.ETag?.ToString();
    }

    public System.Threading.Tasks.Task DisposeAsync() => System.Threading.Tasks.Task.CompletedTask;

    [Theory]
    [InlineData("_count=1")]
    [InlineData("_summary=count")]
    [InlineData("_sort=name")]
    [InlineData("_elements=name")]
    [InlineData("_include=Organization:partof")]
    [InlineData("_revinclude=Location:organization")]
    [InlineData("_total=accurate")]
    [InlineData("_contained=false")]
    [InlineData("_format=json")]
    [InlineData("_pretty=true")]
    public async System.Threading.Tasks.Task ConditionalDelete_ResultParameterOnly_Returns400(string condition)
    {
        using var response = await Client.DeleteAsync($"Organization?{condition}");

        await AssertRejectedAsync(response);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_SummaryOnly_Returns400()
    {
        using var response = await Client.PutAsync("Organization?_summary=count", new Organization { Name = "Replaced" });

        await AssertRejectedAsync(response);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_CountOnly_Returns400()
    {
        using var response = await Client.PostAsync("Organization", new Organization { Name = "Second" }, ("If-None-Exist", "_count=1"));

        await AssertRejectedAsync(response);
        var bundle = await Client.ReadBundleAsync("Organization?_summary=count");
        Assert.Equal(1, bundle.Total);
    }

    private static async System.Threading.Tasks.Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Required, issue.Code);
        Assert.Contains("search parameter", issue.Diagnostics, StringComparison.Ordinal);
    }

    private async System.Threading.Tasks.Task AssertUnchangedAsync()
    {
        using var read = await Client.GetAsync($"Organization/{OnlyId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(_storedVersion, read.Headers.ETag?.ToString());
        var organization = await FhirTestClient.ReadAsync<Organization>(read);
        Assert.Equal("Only", organization.Name);
    }
}
