using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>
/// Compiles search conditions into SQL over the index tables for one statement. A condition
/// is a boolean expression on a <c>resource</c> row alias. Throws
/// <see cref="UnsupportedParameterException"/> for a condition it cannot honour.
/// </summary>
/// <remarks>
/// The first condition of a search "drives": it is written as <c>resource_key IN (...)</c>
/// so SQLite starts from that index. The others are correlated <c>EXISTS</c> checks on the
/// candidates, which use the <c>_by_resource</c> indexes.
/// </remarks>
internal sealed partial class SearchSqlCompiler(
    SearchParameterCatalog catalog,
    FhirAccessGrant grant,
    string baseUrl,
    long nowMilliseconds)
{
    /// <summary>The representative type whose common parameters (<c>_tag</c>, ...) a system-wide search uses.</summary>
    private const string CommonParameterHost = "Patient";

    // Driving conditions written by Membership for one resource type, each with the SELECT of
    // its matching keys. Index rows exist only for current resources, because the store
    // removes them when it deletes a resource, so those keys need no resource row.
    private readonly Dictionary<string, IndexSource> _indexSources = new(StringComparer.Ordinal);

    public SqlContext Context { get; } = new();

    /// <summary>
    /// Returns the index rows that select the current resource keys of one type behind a
    /// driving condition that this compiler wrote, or null when the condition also needs the
    /// resource row (a chain, <c>_id</c>, <c>_list</c>, a search across types, ...).
    /// </summary>
    public IndexSource? FindIndexSource(string drivingCondition) =>
        _indexSources.GetValueOrDefault(drivingCondition);

    /// <summary>Compiles one condition on rows of <paramref name="type"/> (null for any type).</summary>
    public string CompileClause(string alias, string? type, SearchClause clause, bool drive)
    {
        // An empty value would match every resource as a string prefix and none as an id, so
        // a trailing comma such as name=smith, would widen the search to every named resource.
        if (clause.Values.Any(value => value.Length == 0))
        {
            throw new UnsupportedParameterException(
                clause.Name,
                $"The search parameter '{clause.Name}' has an empty value. Give every comma-separated value some text, or leave the parameter out.");
        }

        if (clause.Name == "_has")
            return CompileHas(alias, type, clause);
        if (clause.Name == "_id")
            return CompileId(alias, clause);
        if (clause.Name == "_lastUpdated")
            return CompileLastUpdated(alias, clause);
        if (clause.Name == "_list")
            return CompileList(alias, clause, drive);

        var parameter = FindParameter(type, clause.Name);
        if (clause.Chain is not null)
            return CompileChain(alias, type!, parameter, clause, drive);
        if (clause.Modifier == "missing")
            return CompileMissing(alias, parameter, clause);

        return parameter.Type switch
        {
            SearchParamType.String => CompileString(alias, type, parameter, clause, drive),
            SearchParamType.Token => CompileToken(alias, type, parameter, clause, drive),
            SearchParamType.Reference => CompileReference(alias, type, parameter, clause, drive),
            SearchParamType.Date => CompileDate(alias, type, parameter, clause, drive),
            SearchParamType.Number => CompileNumber(alias, type, parameter, clause, drive),
            SearchParamType.Quantity => CompileQuantity(alias, type, parameter, clause, drive),
            SearchParamType.Uri => CompileUri(alias, type, parameter, clause, drive),
            SearchParamType.Composite => CompileComposite(alias, type, parameter, clause, drive),
            _ => throw new UnsupportedParameterException(clause.Name, $"The {parameter.Type} parameter '{clause.Name}' is not supported."),
        };
    }

    /// <summary>Compiles the conditions of a query joined by AND, letting the most selective one drive.</summary>
    public string CompileAll(string alias, string? type, IEnumerable<SearchClause> clauses)
    {
        var ordered = clauses.OrderBy(clause => DrivePriorityOf(type, clause)).ToList();
        var parts = ordered.Select((clause, index) => CompileClause(alias, type, clause, drive: index == 0)).ToList();
        return parts.Count == 0 ? "1" : string.Join(" AND ", parts);
    }

    private SearchParameterInfo FindParameter(string? type, string name)
    {
        var parameter = catalog.Find(type ?? CommonParameterHost, name);
        if (parameter is null || (type is null && !name.StartsWith('_')))
        {
            var scope = type is null ? "a system-wide search" : type;
            throw new UnsupportedParameterException(name, $"The search parameter '{name}' is not defined for {scope}.");
        }

        return parameter;
    }

    public int DrivePriorityOf(string? type, SearchClause clause)
    {
        if (clause.Modifier is "missing" or "not" || clause.Values.Any(value => value.StartsWith("ne", StringComparison.Ordinal)))
            return 9;
        if (clause.Name is "_id" or "_list")
            return 0;
        if (clause.Name.StartsWith('_'))
            return 5;

        return catalog.Find(type ?? CommonParameterHost, clause.Name)?.Type switch
        {
            SearchParamType.Reference => 1,
            SearchParamType.Token => 2,
            SearchParamType.Composite => 2,
            SearchParamType.Uri => 3,
            SearchParamType.String => 4,
            _ => 6,
        };
    }

    /// <summary>
    /// Wraps a per-row filter of an index table into a condition on the resource alias,
    /// either as the driving <c>IN</c> or as a correlated <c>EXISTS</c>.
    /// </summary>
    private string Membership(
        string table,
        string alias,
        string? type,
        string param,
        Func<string, string> filter,
        bool drive,
        bool negate = false)
    {
        var row = Context.NewAlias("s");
        var condition = filter(row);
        var paramPlaceholder = Context.Add(param);
        if (drive && !negate)
        {
            var typeFilter = type is null ? string.Empty : $" AND {row}.resource_type = {Context.Add(type)}";
            var rows = $"FROM {table} {row} WHERE {row}.param = {paramPlaceholder}{typeFilter} AND ({condition})";
            var driving = $"{alias}.resource_key IN (SELECT {row}.resource_key {rows})";
            if (type is not null)
                _indexSources[driving] = new IndexSource(row, rows);

            return driving;
        }

        var exists = $"EXISTS (SELECT 1 FROM {table} {row} WHERE {row}.resource_key = {alias}.resource_key " +
            $"AND {row}.param = {paramPlaceholder} AND ({condition}))";
        return negate ? "NOT " + exists : exists;
    }

    private string AnyValue(SearchClause clause, string row, Func<string, string, string> valueFilter) =>
        string.Join(" OR ", clause.Values.Select(value => "(" + valueFilter(row, value) + ")"));

    private string CompileMissing(string alias, SearchParameterInfo parameter, SearchClause clause)
    {
        var value = clause.Values.Count == 1 ? clause.Values[0] : string.Empty;
        if (value is not ("true" or "false"))
            throw new UnsupportedParameterException(clause.Name, $":missing takes true or false, got '{value}'.");

        return Membership(TableOf(parameter), alias, null, parameter.Name, _ => "1", drive: false, negate: value == "true");
    }

    private static string TableOf(SearchParameterInfo parameter) => parameter.Type switch
    {
        SearchParamType.String => "search_string",
        SearchParamType.Token => "search_token",
        SearchParamType.Reference => "search_reference",
        SearchParamType.Date => "search_date",
        SearchParamType.Number => "search_number",
        SearchParamType.Quantity => "search_quantity",
        SearchParamType.Uri => "search_uri",
        _ => "search_composite",
    };

    private static void RequireModifier(SearchClause clause, params string?[] allowed)
    {
        if (!allowed.Contains(clause.Modifier))
            throw new UnsupportedParameterException(
                clause.Name,
                $"The modifier ':{clause.Modifier}' is not supported on the parameter '{clause.Name}'.");
    }
}
