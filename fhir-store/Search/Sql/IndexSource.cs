namespace Sandbox.FhirStore.Search.Sql;

/// <summary>
/// The index rows behind a driving condition on one resource type: the alias of the index
/// table and the FROM and WHERE clauses that select its matching rows.
/// </summary>
internal sealed record IndexSource(string Row, string FromWhere)
{
    /// <summary>The SELECT of the distinct matching keys, as a subquery with the column <c>resource_key</c>.</summary>
    public string DistinctKeys => $"SELECT DISTINCT {Row}.resource_key AS resource_key {FromWhere}";

    /// <summary>The whole statement that returns the matching keys in ascending order.</summary>
    public string OrderedKeys(int limit) =>
        $"SELECT DISTINCT {Row}.resource_key {FromWhere} ORDER BY {Row}.resource_key ASC LIMIT {limit}";
}
