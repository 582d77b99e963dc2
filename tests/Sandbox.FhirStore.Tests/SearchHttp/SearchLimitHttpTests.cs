using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// Searches past the size limits get 400 too-costly before any SQL runs, and searches at the
/// limits still run. The limits keep the SQL of a search within SQLite's expression depth limit.
/// </summary>
public sealed class SearchLimitHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    public static TheoryData<string, string> TooComplexSearches => new()
    {
        { "Patient?name=" + Values("a", 101), "has 101 values" },
        { "Patient?" + string.Join("&", Enumerable.Range(0, 101).Select(index => $"name=a{index}")), "101 search parameters" },
        { "Patient?" + string.Join("&", Enumerable.Range(0, 6).Select(_ => "name=" + Values("a", 100))), "600 values in total" },
        { "Observation?patient.link.link.link.link.name=x", "nests 5 chain or _has levels" },
        { "Patient?" + string.Concat(Enumerable.Repeat("_has:Patient:link:", 5)) + "name=x", "nests 5 chain or _has levels" },
    };

    [Theory]
    [MemberData(nameof(TooComplexSearches))]
    public async Task Search_PastLimit_Returns400TooCostly(string relative, string reason)
    {
        using var response = await fixture.Client.GetAsync(relative);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        Assert.Contains("too complex", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains(reason, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Patient?name=lovelace,")]
    [InlineData("Observation?patient.link.link.link.name=x&subject:Patient.name=")]
    [InlineData("Patient?_has:Observation:subject:_has:Provenance:target:_has:AuditEvent:entity:agent.name=")]
    public async Task Search_AtLimit_Returns200(string prefix)
    {
        var relative = prefix + Values("zz", 99);

        using var response = await fixture.Client.GetAsync(relative);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task ConditionalDelete_PastLimit_Returns400AndKeepsMatch()
    {
        var condition = "Patient?_id=pat-ada," + Values("none", 100);

        using var response = await fixture.Client.DeleteAsync(condition);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        using var read = await fixture.Client.GetAsync("Patient/pat-ada");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static string Values(string prefix, int count) =>
        string.Join(",", Enumerable.Range(0, count).Select(index => prefix + index));
}
