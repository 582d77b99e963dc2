namespace Sandbox.EhrUi.Presentation.Charts;

/// <summary>The values of one measurement over time, oldest first, in one unit.</summary>
/// <param name="Key">A stable key of the measurement, such as <c>http://loinc.org|8302-2</c>.</param>
/// <param name="Title">The name of the measurement.</param>
/// <param name="Unit">The unit of every point, or an empty string for a unitless value.</param>
/// <param name="Points">The values, oldest first.</param>
/// <param name="Range">The reference range, or null when the data gives none.</param>
public sealed record TrendSeries(
    string Key,
    string Title,
    string Unit,
    IReadOnlyList<TrendPoint> Points,
    ReferenceRange? Range);
