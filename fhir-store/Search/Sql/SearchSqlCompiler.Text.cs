using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>String, token, uri and <c>_id</c> conditions.</summary>
internal sealed partial class SearchSqlCompiler
{
    /// <summary>The largest code point, appended to a prefix to bound a range scan over folded text.</summary>
    private const string PrefixUpperBound = "\U0010FFFF";

    private string CompileString(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, null, "exact", "contains");
        return Membership("search_string", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
        {
            var folded = TextNormalizer.Normalize(value);
            return clause.Modifier switch
            {
                "exact" => $"{s}.value_exact = {Context.Add(value)}",
                "contains" => $"instr({s}.value_normalized, {Context.Add(folded)}) > 0",
                _ => PrefixMatch($"{s}.value_normalized", folded),
            };
        }), drive);
    }

    private string CompileToken(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, null, "not", "text", "of-type");
        var negate = clause.Modifier == "not";
        return Membership("search_token", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
            clause.Modifier switch
            {
                "text" => PrefixMatch($"{s}.text", TextNormalizer.Normalize(value)),
                "of-type" => OfTypeMatch(clause, s, value),
                _ => TokenMatch(clause, s, "system", "code", value),
            }), drive && !negate, negate);
    }

    /// <summary>
    /// Matches <c>code</c>, <c>system|code</c>, <c>|code</c> (no system) and <c>system|</c>.
    /// Throws for a lone <c>|</c>, which names neither a system nor a code.
    /// </summary>
    private string TokenMatch(SearchClause clause, string row, string systemColumn, string codeColumn, string value)
    {
        var bar = value.IndexOf('|');
        if (bar < 0)
            return $"{row}.{codeColumn} = {Context.Add(value)}";

        var system = value[..bar];
        var code = value[(bar + 1)..];
        if (system.Length == 0 && code.Length == 0)
        {
            throw new UnsupportedParameterException(
                clause.Name,
                $"The search parameter '{clause.Name}' has the token value '|', which names neither a system nor a code. Give code, system|code, |code or system|, or leave the parameter out.");
        }

        var systemMatch = system.Length == 0
            ? $"{row}.{systemColumn} IS NULL"
            : $"{row}.{systemColumn} = {Context.Add(system)}";
        return code.Length == 0 ? systemMatch : $"{row}.{codeColumn} = {Context.Add(code)} AND {systemMatch}";
    }

    private string OfTypeMatch(SearchClause clause, string row, string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 3)
            throw new UnsupportedParameterException(clause.Name, $":of-type takes system|code|value, got '{value}'.");

        return $"{row}.type_system = {Context.Add(parts[0])} AND {row}.type_code = {Context.Add(parts[1])} " +
            $"AND {row}.code = {Context.Add(parts[2])}";
    }

    private string CompileUri(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, null, "below", "above");
        return Membership("search_uri", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
            clause.Modifier switch
            {
                "below" => PrefixMatch($"{s}.value", value),
                "above" => $"instr({Context.Add(value)}, {s}.value) = 1",
                _ => $"{s}.value = {Context.Add(value)}",
            }), drive);
    }

    private string CompileId(string alias, SearchClause clause)
    {
        RequireModifier(clause, null, "not");
        var ids = string.Join(", ", clause.Values.Select(value => Context.Add(value)));
        return clause.Modifier == "not" ? $"{alias}.id NOT IN ({ids})" : $"{alias}.id IN ({ids})";
    }

    private string PrefixMatch(string column, string prefix) =>
        $"{column} >= {Context.Add(prefix)} AND {column} < {Context.Add(prefix + PrefixUpperBound)}";
}
