using Sandbox.EhrUi.Presentation.Charts;

namespace Sandbox.EhrUi.Presentation;

/// <summary>The vitals and labs tab: the latest result of each test, and the trends of numeric results.</summary>
public sealed record ResultsOverview(
    IReadOnlyList<ObservationRow> Rows,
    IReadOnlyList<TrendSeries> Trends);
