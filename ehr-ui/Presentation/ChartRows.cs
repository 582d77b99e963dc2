using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Builds the rows of the chart's tables from FHIR resources, newest first. Each table has
/// its own partial file.
/// </summary>
public static partial class ChartRows
{
    private static IEnumerable<T> NewestFirst<T>(IEnumerable<T> items, Func<T, string?> date) =>
        items.OrderByDescending(item => FhirDates.Parse(date(item)) ?? DateTimeOffset.MinValue);

    private static string JoinOrMissing(IEnumerable<string> parts)
    {
        var text = string.Join(", ", parts.Where(p => p != FhirDisplay.Missing).Distinct());
        return text.Length == 0 ? FhirDisplay.Missing : text;
    }
}
