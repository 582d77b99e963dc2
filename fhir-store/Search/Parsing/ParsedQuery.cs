namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>A search request split into conditions and result options, with the parameters it could not use.</summary>
internal sealed class ParsedQuery
{
    /// <summary>The conditions with the query parameter each came from, so the self link can repeat it.</summary>
    public List<(SearchClause Clause, KeyValuePair<string, string> Source)> Clauses { get; } = [];

    public SearchResultOptions Options { get; } = new();

    /// <summary>The result parameters that were used, as the client sent them, for the self link.</summary>
    public List<KeyValuePair<string, string>> UsedResultParameters { get; } = [];

    /// <summary>Parameters that were not used, with the reason.</summary>
    public List<UnsupportedParameter> Unsupported { get; } = [];
}

/// <summary>A query parameter the search did not use, and why.</summary>
internal sealed record UnsupportedParameter(string Name, string Reason)
{
    /// <summary>
    /// The whole warning, for a parameter that was applied in a changed form, in place of the
    /// default "The search parameter 'name' was ignored: reason".
    /// </summary>
    public string? Diagnostics { get; init; }
}
