namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>The result parameters of a search: paging, sorting, includes and the shape of the entries.</summary>
internal sealed record SearchResultOptions
{
    public int? Count { get; set; }

    public List<SortKey> Sort { get; } = [];

    public List<IncludeRequest> Includes { get; } = [];

    public List<IncludeRequest> RevIncludes { get; } = [];

    public SummaryMode Summary { get; set; } = SummaryMode.False;

    public List<string> Elements { get; } = [];

    public TotalMode Total { get; set; } = TotalMode.Accurate;

    public List<string> Types { get; } = [];
}

/// <summary>One <c>_sort</c> key.</summary>
internal sealed record SortKey(string Name, bool Descending);

/// <summary>
/// One <c>_include</c> or <c>_revinclude</c>: <c>SourceType:param[:TargetType]</c>, where
/// param <c>*</c> means every reference parameter of the source type.
/// </summary>
internal sealed record IncludeRequest(string SourceType, string Param, string? TargetType, bool Iterate);

internal enum SummaryMode
{
    False,
    True,
    Text,
    Data,
    Count,
}

internal enum TotalMode
{
    None,
    Estimate,
    Accurate,
}
