namespace Sandbox.FhirStore.Search.Sql;

/// <summary>The comparison prefixes of number, date and quantity searches.</summary>
internal enum SearchPrefix
{
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Sa,
    Eb,
    Ap,
}

internal static class SearchPrefixParser
{
    /// <summary>Splits a leading prefix off a value; no prefix means <c>eq</c>.</summary>
    public static (SearchPrefix Prefix, string Value) Split(string value)
    {
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            SearchPrefix? prefix = value[..2] switch
            {
                "eq" => SearchPrefix.Eq,
                "ne" => SearchPrefix.Ne,
                "gt" => SearchPrefix.Gt,
                "lt" => SearchPrefix.Lt,
                "ge" => SearchPrefix.Ge,
                "le" => SearchPrefix.Le,
                "sa" => SearchPrefix.Sa,
                "eb" => SearchPrefix.Eb,
                "ap" => SearchPrefix.Ap,
                _ => null,
            };
            if (prefix is not null)
                return (prefix.Value, value[2..]);
        }

        return (SearchPrefix.Eq, value);
    }

    /// <summary>
    /// Returns the SQL that compares a stored range (<paramref name="low"/>..<paramref name="high"/>,
    /// inclusive) with a search range, following the FHIR R4 prefix rules: <c>eq</c> means the
    /// search range contains the stored range, <c>sa</c> starts after, <c>ap</c> overlaps the widened range.
    /// </summary>
    public static string Compare(SearchPrefix prefix, string low, string high, string searchLow, string searchHigh) =>
        prefix switch
        {
            SearchPrefix.Eq => $"({low} >= {searchLow} AND {high} <= {searchHigh})",
            SearchPrefix.Ne => $"NOT ({low} >= {searchLow} AND {high} <= {searchHigh})",
            SearchPrefix.Gt => $"{high} > {searchHigh}",
            SearchPrefix.Lt => $"{low} < {searchLow}",
            SearchPrefix.Ge => $"{high} >= {searchLow}",
            SearchPrefix.Le => $"{low} <= {searchHigh}",
            SearchPrefix.Sa => $"{low} > {searchHigh}",
            SearchPrefix.Eb => $"{high} < {searchLow}",
            _ => $"({low} <= {searchHigh} AND {high} >= {searchLow})",
        };
}
