using System.Text;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Sql;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// The SQLite query plans of the match query of a search by patient, the search that SMART
/// apps run most. They guard the covering index and the statement shape against a change
/// that would bring back a lookup per index row or a sort.
/// </summary>
public sealed class MatchQueryPlanTests : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync() =>
        await _store.SaveAsync(
            new Patient { Id = "p1" },
            TestResources.Observation("Patient/p1"),
            TestResources.Observation("Patient/p1"));

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task PatientSearch_Unrestricted_ReadsCoveringIndexOnly()
    {
        var plan = await ExplainAsync("p1", filter: null);

        Assert.Contains("USING COVERING INDEX search_reference_by_target_key", plan);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientSearch_Unrestricted_NeedsNoSort()
    {
        var plan = await ExplainAsync("p1", filter: null);

        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientSearch_TypedReference_NeedsNoSort()
    {
        var plan = await ExplainAsync("Patient/p1", filter: null);

        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientSearch_CompartmentFilter_ReadsCoveringIndex()
    {
        var plan = await ExplainAsync("p1", filter: "p1");

        Assert.Contains("USING COVERING INDEX search_reference_by_target_key", plan);
    }

    /// <summary>
    /// Builds the match query of <c>Observation?patient=value</c> from the same parts that
    /// the search service passes to <see cref="MatchSource"/>, optionally in the compartment of
    /// the Patient <paramref name="filter"/>, and returns its query plan, one step a line.
    /// </summary>
    private async Task<string> ExplainAsync(string value, string? filter)
    {
        var compiler = _store.GetService<SqliteSearchIndex>().CreateCompiler(FhirAccessGrant.Unrestricted);
        var driving = compiler.CompileClause("a", "Observation", SearchClause.Parse("patient", value), drive: true);
        var conditions = new[] { "a.is_deleted = 0", driving, $"+a.resource_type = {compiler.Context.Add("Observation")}" };
        string[] filters = filter is null ? ["1"] : [compiler.CompileCompartment("a", filter), "1"];
        var orderBy = compiler.CompileOrderBy("a", "Observation", []);
        var sql = MatchSource.Create(compiler, conditions, driving, filters, orderBy).ToSql(orderBy, 1000);

        await using var connection = await _store.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        compiler.Context.Bind(command);
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            plan.AppendLine(reader.GetString(3));

        return plan.ToString();
    }
}
