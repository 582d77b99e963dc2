using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>
/// <c>_sort</c> as SQL ordering terms. A resource with several values sorts by its lowest
/// value ascending and by its highest descending. Resources without a value come first
/// ascending and last descending, as SQLite orders NULL. Insertion order breaks ties.
/// </summary>
internal sealed partial class SearchSqlCompiler
{
    public string CompileOrderBy(string alias, string? type, IReadOnlyList<SortKey> keys)
    {
        var terms = keys.Select(key => CompileSortTerm(alias, type, key) + (key.Descending ? " DESC" : " ASC")).ToList();
        terms.Add($"{alias}.resource_key ASC");
        return string.Join(", ", terms);
    }

    private string CompileSortTerm(string alias, string? type, SortKey key)
    {
        if (key.Name == "_id")
            return $"{alias}.id";
        if (key.Name == "_lastUpdated")
            return $"{alias}.last_updated";

        var parameter = FindParameter(type, key.Name);
        var aggregate = key.Descending ? "MAX" : "MIN";
        var (table, column) = parameter.Type switch
        {
            SearchParamType.String => ("search_string", "value_normalized"),
            SearchParamType.Token => ("search_token", "code"),
            SearchParamType.Reference => ("search_reference", "target_id"),
            SearchParamType.Date => ("search_date", key.Descending ? "high" : "low"),
            SearchParamType.Number => ("search_number", key.Descending ? "high" : "low"),
            SearchParamType.Quantity => ("search_quantity", key.Descending ? "high" : "low"),
            SearchParamType.Uri => ("search_uri", "value"),
            _ => throw new UnsupportedParameterException("_sort", $"Sorting by the {parameter.Type} parameter '{key.Name}' is not supported."),
        };
        var row = Context.NewAlias("o");
        return $"(SELECT {aggregate}({row}.{column}) FROM {table} {row} " +
            $"WHERE {row}.resource_key = {alias}.resource_key AND {row}.param = {Context.Add(parameter.Name)})";
    }
}
