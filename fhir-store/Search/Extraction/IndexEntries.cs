namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// The index rows of one resource, grouped by table. Values are already normalized:
/// strings case- and accent-folded, dates as UTC millisecond ranges.
/// </summary>
internal sealed class IndexEntries
{
    public List<StringEntry> Strings { get; } = [];

    public List<TokenEntry> Tokens { get; } = [];

    public List<ReferenceEntry> References { get; } = [];

    public List<RangeEntry> Dates { get; } = [];

    public List<RangeEntry> Numbers { get; } = [];

    public List<QuantityEntry> Quantities { get; } = [];

    /// <summary>The UCUM quantities again, converted to their canonical unit (<see cref="UcumCanonicalizer"/>).</summary>
    public List<QuantityEntry> CanonicalQuantities { get; } = [];

    public List<UriEntry> Uris { get; } = [];

    public List<CompositeEntry> Composites { get; } = [];

    /// <summary>The ids of the Patients whose compartment contains the resource.</summary>
    public HashSet<string> CompartmentPatients { get; } = new(StringComparer.Ordinal);
}

internal readonly record struct StringEntry(string Param, string Normalized, string Exact);

/// <summary>A token row; <see cref="Text"/> is the folded display or text for <c>:text</c>.</summary>
internal readonly record struct TokenEntry(
    string Param,
    string? System,
    string? Code,
    string? Text,
    string? TypeSystem,
    string? TypeCode);

/// <summary>A reference row: a local target, an absolute or canonical URL, or a logical identifier.</summary>
internal readonly record struct ReferenceEntry(
    string Param,
    string? TargetType,
    string? TargetId,
    string? Url,
    string? IdentifierSystem,
    string? IdentifierValue);

/// <summary>A date (UTC milliseconds) or number range, both ends inclusive.</summary>
internal readonly record struct RangeEntry(string Param, double Low, double High);

internal readonly record struct QuantityEntry(
    string Param,
    string? System,
    string? Code,
    string? Unit,
    double Low,
    double High);

internal readonly record struct UriEntry(string Param, string Value);

/// <summary>
/// A composite row: the first component is always a token; the second is a token
/// (<see cref="System2"/>, <see cref="Code2"/>), a quantity or date range
/// (<see cref="Low2"/>, <see cref="High2"/>, with the unit in <see cref="Code2"/>), or a string (<see cref="Text2"/>).
/// </summary>
internal readonly record struct CompositeEntry(
    string Param,
    string? System1,
    string? Code1,
    string? System2,
    string? Code2,
    double? Low2,
    double? High2,
    string? Text2);
