using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>The care date range of <c>Patient/[id]/$everything</c>, compiled from ordinary date conditions.</summary>
internal sealed partial class SearchSqlCompiler
{
    /// <summary>
    /// Compiles the <c>start</c> and <c>end</c> of <c>$everything</c> for rows of any of
    /// <paramref name="types"/>. A row of a type with a care date (see
    /// <see cref="CareDateParameters"/>) passes when that date meets the range or when it has
    /// no care date. A row of any other type always passes, so the Patient is always returned.
    /// The date compares as the date searches <c>ge[start]</c> and <c>le[end]</c>, so a period
    /// passes when it overlaps the range. Either bound may be null, but not both.
    /// </summary>
    public string CompileCareDateRange(string alias, IEnumerable<string> types, string? start, string? end)
    {
        if (start is null && end is null)
            throw new ArgumentException("A care date range needs a start, an end or both.", nameof(start));

        var undated = new List<string>();
        var groups = new List<string>();
        foreach (var type in types)
        {
            var parameters = CareDateParameters.GetParameters(type);
            if (parameters.Count == 0)
            {
                undated.Add(type);
                continue;
            }

            var condition = CompileCareDate(alias, type, parameters, start, end);
            groups.Add($"({alias}.resource_type = {Context.Add(type)} AND ({condition}))");
        }

        if (undated.Count > 0)
            groups.Insert(0, $"{alias}.resource_type IN ({string.Join(", ", undated.Select(type => Context.Add(type)))})");

        return groups.Count == 0 ? "0" : "(" + string.Join(" OR ", groups) + ")";
    }

    /// <summary>
    /// Compiles the range check on the first of <paramref name="parameters"/> that the row has a
    /// value for: for each parameter, the earlier ones are <c>:missing</c> and this one meets the
    /// range. The last alternative, every parameter <c>:missing</c>, keeps undated rows.
    /// </summary>
    private string CompileCareDate(
        string alias,
        string type,
        IReadOnlyList<string> parameters,
        string? start,
        string? end)
    {
        var alternatives = new List<string>();
        var earlierMissing = new List<string>();
        foreach (var name in parameters)
        {
            var inRange = new List<string>(earlierMissing);
            if (start is not null)
                inRange.Add(CompileClause(alias, type, new SearchClause(name, null, null, ["ge" + start]), drive: false));
            if (end is not null)
                inRange.Add(CompileClause(alias, type, new SearchClause(name, null, null, ["le" + end]), drive: false));

            alternatives.Add(string.Join(" AND ", inRange));
            earlierMissing.Add(CompileClause(alias, type, new SearchClause(name, "missing", null, ["true"]), drive: false));
        }

        alternatives.Add(string.Join(" AND ", earlierMissing));
        return string.Join(" OR ", alternatives.Select(alternative => "(" + alternative + ")"));
    }
}
