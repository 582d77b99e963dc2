using System.Text.RegularExpressions;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>
/// The SELECT of a new search's match keys. When the driving condition reads an index table
/// for one resource type and nothing else reads a column of the alias <c>a</c> but
/// <c>resource_key</c>, the query starts from that index's keys and never reads a
/// <c>resource</c> row. For the Observations of one Synthea patient (about 150) that took
/// about a fifth off the query's CPU time in SQLite. When, in addition, no other condition
/// remains and the keys are sorted by themselves, the statement is the index query alone,
/// which SQLite runs in index order without a subquery or a sort.
/// </summary>
internal sealed partial class MatchSource
{
    // The ORDER BY that SearchSqlCompiler.CompileOrderBy writes for a search without _sort.
    private const string KeyOrder = "a.resource_key ASC";

    private readonly string _table;
    private readonly IReadOnlyList<string> _conditions;
    private readonly IndexSource? _orderedSource;

    private MatchSource(string table, IReadOnlyList<string> conditions, IndexSource? orderedSource = null)
    {
        _table = table;
        _conditions = conditions;
        _orderedSource = orderedSource;
    }

    /// <param name="compiler">The compiler that wrote every condition.</param>
    /// <param name="conditions">The current-row check, the search conditions (the driving one first) and the type check.</param>
    /// <param name="drivingCondition">The first search condition, or null when the search has none.</param>
    /// <param name="filters">The compartment and access filters, which are kept in every form.</param>
    /// <param name="orderBy">The ORDER BY terms.</param>
    public static MatchSource Create(
        SearchSqlCompiler compiler,
        IReadOnlyList<string> conditions,
        string? drivingCondition,
        IReadOnlyList<string> filters,
        string orderBy)
    {
        var withResourceRows = new MatchSource("resource a", [.. conditions, .. filters]);
        if (drivingCondition is null || compiler.FindIndexSource(drivingCondition) is not { } source)
            return withResourceRows;

        // The first condition checks is_deleted and the last one the type, which the index
        // source already guarantees; the driving condition becomes the FROM. A filter of "1"
        // is the access filter of an unrestricted grant.
        var remaining = conditions.Skip(2).SkipLast(1).Concat(filters).Where(condition => condition != "1").ToList();
        if (remaining.Any(ReadsResourceColumn) || ReadsResourceColumn(orderBy))
            return withResourceRows;
        if (remaining.Count == 0 && orderBy == KeyOrder)
            return new MatchSource(string.Empty, [], source);

        return new MatchSource($"({source.DistinctKeys}) a", remaining.Count == 0 ? ["1"] : remaining);
    }

    /// <summary>Writes the statement that returns at most <paramref name="limit"/> keys in the order of <paramref name="orderBy"/>.</summary>
    public string ToSql(string orderBy, int limit) =>
        _orderedSource is not null
            ? _orderedSource.OrderedKeys(limit)
            : $"SELECT a.resource_key FROM {_table} WHERE {string.Join(" AND ", _conditions)} ORDER BY {orderBy} LIMIT {limit}";

    private static bool ReadsResourceColumn(string sql) => ResourceColumn().IsMatch(sql);

    // Matches a column of the alias a other than resource_key. The compiler's inner aliases
    // always end in a number, so they never match.
    [GeneratedRegex(@"(?<![\w.$])a\.(?!resource_key\b)\w")]
    private static partial Regex ResourceColumn();
}
