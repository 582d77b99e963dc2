using System.Net;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// The server-wide search features that the CapabilityStatement states, each checked against
/// a real strict search (<c>Prefer: handling=strict</c>), so that the statement promises
/// nothing the search does not do.
/// </summary>
public sealed partial class CapabilitySearchFeatureTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private const string Family = "Capsortfamily";
    private const string CodeSystem = "http://example.org/capability-test";

    private FhirTestClient Client => fixture.Client;

    public async Task InitializeAsync()
    {
        await Client.PutAsync("Organization/cap-org", new Organization { Id = "cap-org", Name = "Capability Clinic" });
        await Client.PutAsync("Patient/cap-a", NamedPatient("cap-a", $"{Family}a", "2000-01-01"));
        await Client.PutAsync("Patient/cap-b", NamedPatient("cap-b", $"{Family}a", "2010-01-01"));
        await Client.PutAsync("Patient/cap-c", NamedPatient("cap-c", $"{Family}b", "1990-01-01"));
        await Client.PutAsync("Observation/cap-obs", new Observation
        {
            Id = "cap-obs",
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(CodeSystem, "marker"),
            Subject = new ResourceReference("Patient/cap-b"),
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metadata_ListsServerSearchParameters()
    {
        var statement = await ReadStatementAsync();

        var names = statement.Rest[0].SearchParam.Select(parameter => parameter.Name).Order().ToList();
        Assert.Equal(["_count", "_elements", "_has", "_sort", "_summary", "_total"], names);
    }

    // Every entry needs a check here, so that an entry added without one fails this test.
    [Fact]
    public async Task Metadata_ListedParameters_WorkInSearch()
    {
        var statement = await ReadStatementAsync();
        var checks = new Dictionary<string, Func<Task>>
        {
            ["_count"] = CheckCountAsync,
            ["_sort"] = CheckSortAsync,
            ["_summary"] = CheckSummaryAsync,
            ["_elements"] = CheckElementsAsync,
            ["_total"] = CheckTotalAsync,
            ["_has"] = CheckHasAsync,
        };

        var listed = statement.Rest[0].SearchParam.Select(parameter => parameter.Name ?? string.Empty).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, name => Assert.True(checks.ContainsKey(name), $"No search checks the listed parameter '{name}'."));
        foreach (var name in listed)
            await checks[name]();
    }

    [Fact]
    public async Task Metadata_StatedChain_WorksInSearch()
    {
        var statement = await ReadStatementAsync();
        var documentation = statement.Rest[0].Documentation ?? string.Empty;

        var bundle = await SearchAsync($"Observation?subject:Patient.name={Family}b");

        Assert.Contains("chained parameters", documentation, StringComparison.Ordinal);
        Assert.Empty(bundle.Entry);
        var found = await SearchAsync($"Observation?subject:Patient.name={Family}a");
        Assert.Equal(["cap-obs"], found.Entry.Select(entry => entry.Resource!.Id));
    }

    [Fact]
    public async Task Metadata_StatedChainDepth_IsTheLimit()
    {
        var statement = await ReadStatementAsync();
        var match = MaxDepthPattern().Match(statement.Rest[0].Documentation ?? string.Empty);
        Assert.True(match.Success, "rest.documentation states no maximum chain depth.");
        var depth = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        using var atLimit = await GetStrictAsync($"Patient?{Chain(depth)}=x");
        using var pastLimit = await GetStrictAsync($"Patient?{Chain(depth + 1)}=x");

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastLimit.StatusCode);
    }

    private async Task CheckCountAsync()
    {
        var bundle = await SearchAsync($"Patient?family={Family}&_count=1");

        Assert.Single(bundle.Entry);
        Assert.Equal(3, bundle.Total);
    }

    // Two keys: family first, then birth date descending within the same family.
    private async Task CheckSortAsync()
    {
        var bundle = await SearchAsync($"Patient?family={Family}&_sort=family,-birthdate");

        Assert.Equal(["cap-b", "cap-a", "cap-c"], bundle.Entry.Select(entry => entry.Resource!.Id));
    }

    private async Task CheckSummaryAsync()
    {
        var counted = await SearchAsync($"Patient?family={Family}&_summary=count");
        var summarized = await SearchAsync($"Observation?_id=cap-obs&_summary=true");

        Assert.Empty(counted.Entry);
        Assert.Equal(3, counted.Total);
        Assert.Contains(summarized.Entry[0].Resource!.Meta!.Tag, tag => tag.Code == "SUBSETTED");
    }

    private async Task CheckElementsAsync()
    {
        var bundle = await SearchAsync("Patient?_id=cap-a&_elements=gender");

        var patient = Assert.IsType<Patient>(bundle.Entry.Single().Resource);
        Assert.Empty(patient.Name);
        Assert.Null(patient.BirthDate);
    }

    private async Task CheckTotalAsync()
    {
        var none = await SearchAsync($"Patient?family={Family}&_total=none");
        var accurate = await SearchAsync($"Patient?family={Family}&_total=accurate");
        var estimate = await SearchAsync($"Patient?family={Family}&_total=estimate");

        Assert.Null(none.Total);
        Assert.Equal(3, accurate.Total);
        Assert.Equal(3, estimate.Total);
    }

    private async Task CheckHasAsync()
    {
        var bundle = await SearchAsync($"Patient?_has:Observation:patient:code={CodeSystem}|marker");

        Assert.Equal(["cap-b"], bundle.Entry.Select(entry => entry.Resource!.Id));
    }

    // general-practitioner:Organization.partof repeated, such as
    // general-practitioner:Organization.partof.partof.name for depth 3.
    private static string Chain(int depth) =>
        "general-practitioner:Organization" + string.Concat(Enumerable.Repeat(".partof", depth - 1)) + ".name";

    private static Patient NamedPatient(string id, string family, string birthDate) => new()
    {
        Id = id,
        Name = [new HumanName { Family = family, Given = ["Test"] }],
        BirthDate = birthDate,
        Gender = AdministrativeGender.Female,
    };

    private Task<HttpResponseMessage> GetStrictAsync(string relative) =>
        Client.GetAsync(relative, ("Prefer", "handling=strict"));

    private async Task<Bundle> SearchAsync(string relative)
    {
        using var response = await GetStrictAsync(relative);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{relative} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        bundle.Entry.RemoveAll(entry => entry.Resource is OperationOutcome);
        return bundle;
    }

    private async Task<CapabilityStatement> ReadStatementAsync()
    {
        using var response = await Client.GetAsync("metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<CapabilityStatement>(response);
    }

    [GeneratedRegex(@"at most (\d+) chain links")]
    private static partial Regex MaxDepthPattern();
}
