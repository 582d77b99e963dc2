namespace Sandbox.EhrUi.Presentation;

/// <summary>The latest result of one test or vital sign, with how many results the chart holds.</summary>
public sealed record ObservationRow(
    string SeriesKey,
    string Test,
    string Category,
    string Value,
    string ReferenceRange,
    string Interpretation,
    string Date,
    int ResultCount);
