using System.Globalization;

namespace Sandbox.Benchmarks.Reporting;

/// <summary>Writes scenario reports as plain-text tables.</summary>
internal sealed class ReportPrinter(TextWriter output)
{
    private const string RowFormat = "  {0,-34} {1,12} {2,12} {3,8}  {4,-8} {5}";

    public void PrintHeader(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            output.WriteLine(line);

        output.WriteLine();
    }

    public void Print(ScenarioReport report)
    {
        output.WriteLine($"== {report.Scenario}: {report.Definition}");
        if (report.Failure is not null)
        {
            output.WriteLine($"  FAILED: {report.Failure}");
            output.WriteLine();
            return;
        }

        output.WriteLine(RowFormat, "figure", "probe", "sandbox", "ratio", "target", "result");
        foreach (var comparison in report.Comparisons)
            PrintRow(comparison);

        var reasons = report.Comparisons
            .Select(comparison => comparison.Sandbox.UnavailableReason ?? comparison.Probe.UnavailableReason)
            .OfType<string>()
            .Distinct();
        foreach (var reason in reasons)
            output.WriteLine($"  not available: {reason}");

        foreach (var note in report.Notes)
            output.WriteLine($"  note: {note}");

        output.WriteLine();
    }

    private void PrintRow(Comparison comparison)
    {
        output.WriteLine(
            RowFormat,
            $"{comparison.Figure} ({comparison.Unit})",
            Format(comparison.Probe.Value),
            Format(comparison.Sandbox.Value),
            comparison.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-",
            comparison.Target?.ToString() ?? "-",
            comparison.Verdict);
    }

    /// <summary>Formats a figure with about three significant digits.</summary>
    public static string Format(double? value) => value switch
    {
        null => "n/a",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
