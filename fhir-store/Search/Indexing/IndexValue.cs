namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// One column value of an index row: text, an integer, a real or NULL. Rows are passed as
/// spans of these, so adding a row boxes no number and allocates no array.
/// </summary>
internal readonly struct IndexValue
{
    private IndexValue(IndexValueKind kind, string? text, long integer, double real)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Real = real;
    }

    public IndexValueKind Kind { get; }

    public string? Text { get; }

    public long Integer { get; }

    public double Real { get; }

    public static implicit operator IndexValue(string? text) =>
        text is null ? default : new(IndexValueKind.Text, text, 0, 0);

    public static implicit operator IndexValue(long integer) => new(IndexValueKind.Integer, null, integer, 0);

    public static implicit operator IndexValue(double real) => new(IndexValueKind.Real, null, 0, real);

    public static implicit operator IndexValue(double? real) =>
        real is { } value ? new(IndexValueKind.Real, null, 0, value) : default;
}
