namespace Sandbox.EhrUi.Presentation.Charts;

/// <summary>The normal range of a measurement, open on the side of a null bound.</summary>
public sealed record ReferenceRange(decimal? Low, decimal? High)
{
    /// <summary>Describes the range as "3.5–5.0", "≥ 3.5" or "≤ 5.0".</summary>
    public override string ToString() => (Low, High) switch
    {
        ({ } low, { } high) => $"{FhirDisplay.Number(low)}–{FhirDisplay.Number(high)}",
        ({ } low, null) => $"≥ {FhirDisplay.Number(low)}",
        (null, { } high) => $"≤ {FhirDisplay.Number(high)}",
        _ => FhirDisplay.Missing,
    };
}
