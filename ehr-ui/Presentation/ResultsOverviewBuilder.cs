using Hl7.Fhir.Model;
using Sandbox.EhrUi.Presentation.Charts;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Builds the <see cref="ResultsOverview"/> from Observations: one row per test code with its
/// latest result, and one trend per numeric code and unit, components (such as the systolic
/// and diastolic parts of a blood pressure) counted as codes of their own.
/// </summary>
public static class ResultsOverviewBuilder
{
    /// <summary>The fewest points a trend needs to be drawn.</summary>
    public const int MinTrendPoints = 2;

    private static readonly string[] CategoryOrder = ["vital-signs", "laboratory"];

    /// <summary>Builds the overview, leaving out results entered in error or cancelled.</summary>
    public static ResultsOverview Build(IEnumerable<Observation> observations)
    {
        var valid = observations
            .Where(o => o.Status is not (ObservationStatus.EnteredInError or ObservationStatus.Cancelled))
            .Where(o => o.Code is not null)
            .Select(o => (Observation: o, Time: FhirDates.Parse(FhirDates.Start(o.Effective)) ?? o.Issued))
            .OrderByDescending(item => item.Time ?? DateTimeOffset.MinValue)
            .ToList();

        var rows = valid
            .GroupBy(item => CodeKey(item.Observation.Code))
            .Select(group => LatestRow(group.Key, group.Select(item => item.Observation).ToList()))
            .OrderBy(row => CategoryRank(row.Category))
            .ThenBy(row => row.Test, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var trends = valid
            .Where(item => item.Time is not null)
            .SelectMany(item => Measurements(item.Observation, item.Time!.Value))
            .GroupBy(m => (m.Key, m.Unit))
            .Select(ToSeries)
            .Where(series => series.Points.Count >= MinTrendPoints)
            .OrderBy(series => series.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new ResultsOverview(rows, trends);
    }

    /// <summary>Returns the key of a code: the first coding as <c>system|code</c>, else its text.</summary>
    public static string CodeKey(CodeableConcept code)
    {
        var coding = code.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code));
        return coding is null ? code.Text ?? string.Empty : $"{coding.System}|{coding.Code}";
    }

    private static ObservationRow LatestRow(string key, IReadOnlyList<Observation> newestFirst)
    {
        var latest = newestFirst[0];
        var category = latest.Category.SelectMany(c => c.Coding).FirstOrDefault()?.Code;

        return new ObservationRow(
            SeriesKey: key,
            Test: FhirDisplay.Concept(latest.Code),
            Category: FhirDisplay.Code(category),
            Value: ObservationValues.Describe(latest),
            ReferenceRange: ObservationValues.DescribeRange(latest.ReferenceRange.FirstOrDefault()),
            Interpretation: JoinOrMissing(latest.Interpretation.Select(FhirDisplay.Concept)),
            Date: FhirDates.FormatDateTime(FhirDates.Start(latest.Effective)),
            ResultCount: newestFirst.Count);
    }

    private static IEnumerable<Measurement> Measurements(Observation observation, DateTimeOffset time)
    {
        var range = ObservationValues.Range(observation.ReferenceRange.FirstOrDefault());
        if (observation.Value is Quantity { Value: { } value } quantity)
            yield return new Measurement(observation.Code, Unit(quantity), time, value, range);

        foreach (var component in observation.Component)
        {
            if (component.Code is not null && component.Value is Quantity { Value: { } part } partQuantity)
            {
                var partRange = ObservationValues.Range(component.ReferenceRange.FirstOrDefault());
                yield return new Measurement(component.Code, Unit(partQuantity), time, part, partRange);
            }
        }
    }

    private static TrendSeries ToSeries(IGrouping<(string Key, string Unit), Measurement> group)
    {
        var newestFirst = group.OrderByDescending(m => m.Time).ToList();
        var points = newestFirst.Select(m => new TrendPoint(m.Time, m.Value)).Reverse().ToList();
        var range = newestFirst.Select(m => m.Range).FirstOrDefault(r => r is not null);
        var title = FhirDisplay.Concept(newestFirst[0].Code);
        return new TrendSeries($"{group.Key.Key}|{group.Key.Unit}", title, group.Key.Unit, points, range);
    }

    private static string Unit(Quantity quantity) => quantity.Unit ?? quantity.Code ?? string.Empty;

    private static int CategoryRank(string category)
    {
        var index = Array.FindIndex(CategoryOrder, c => FhirDisplay.Code(c) == category);
        return index < 0 ? CategoryOrder.Length : index;
    }

    private static string JoinOrMissing(IEnumerable<string> parts)
    {
        var text = string.Join(", ", parts.Where(p => p != FhirDisplay.Missing));
        return text.Length == 0 ? FhirDisplay.Missing : text;
    }

    private sealed record Measurement(
        CodeableConcept Code,
        string Unit,
        DateTimeOffset Time,
        decimal Value,
        ReferenceRange? Range)
    {
        public string Key => CodeKey(Code);
    }
}
