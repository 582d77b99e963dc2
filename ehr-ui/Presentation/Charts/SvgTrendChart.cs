using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Sandbox.EhrUi.Presentation.Charts;

/// <summary>
/// Draws a <see cref="TrendSeries"/> as a small inline SVG line chart: title, value axis with
/// three labels, first and last dates, the reference range as a band, and a text alternative
/// (<c>role="img"</c> with <c>title</c> and <c>desc</c>) for screen readers. Colours come
/// from the style sheet through the <c>trend-*</c> classes.
/// </summary>
public static class SvgTrendChart
{
    /// <summary>The chart's width in CSS pixels.</summary>
    public const int Width = 320;

    /// <summary>The chart's height in CSS pixels.</summary>
    public const int Height = 150;

    // A longer visible title overflows the chart at the style sheet's 12px font size. The
    // full title stays in the SVG title element, which screen readers and tooltips use.
    private const int MaxVisibleTitleLength = 44;

    private const double PlotLeft = 48;
    private const double PlotRight = Width - 12;
    private const double PlotTop = 28;
    private const double PlotBottom = Height - 24;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Renders the chart as SVG markup to embed in HTML.</summary>
    /// <param name="series">The values to draw, at least one point.</param>
    /// <param name="idPrefix">A prefix, unique in the page, for the ids of the title and description.</param>
    public static string Render(TrendSeries series, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Points.Count == 0)
            throw new ArgumentException("The series has no points to draw.", nameof(series));

        var id = SafeId(idPrefix);
        var scale = TrendScale.Fit(series, PlotTop, PlotBottom);
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("width", Width),
            new XAttribute("height", Height),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", "trend-chart"),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), Heading(series)),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), Describe(series)));

        svg.Add(Text(0, 16, Shorten(Heading(series)), "trend-title", "start"));
        AddRangeBand(svg, series.Range, scale);
        AddValueAxis(svg, scale);
        AddTimeAxis(svg, series.Points);
        AddLine(svg, series, scale);
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Describes the series in words, as the chart's text alternative.</summary>
    public static string Describe(TrendSeries series)
    {
        var points = series.Points;
        var latest = points[^1];
        var text = new StringBuilder();
        if (points.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{series.Title}: 1 value, {WithUnit(latest.Value, series.Unit)}");
            text.Append(CultureInfo.InvariantCulture, $" on {FhirDates.FormatDate(latest.Time)}.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{series.Title}: {points.Count} values from ");
            text.Append(CultureInfo.InvariantCulture, $"{FhirDates.FormatDate(points[0].Time)} to {FhirDates.FormatDate(latest.Time)}. ");
            text.Append(CultureInfo.InvariantCulture, $"Latest {WithUnit(latest.Value, series.Unit)}. ");
            text.Append(CultureInfo.InvariantCulture, $"Lowest {WithUnit(points.Min(p => p.Value), series.Unit)}, ");
            text.Append(CultureInfo.InvariantCulture, $"highest {WithUnit(points.Max(p => p.Value), series.Unit)}.");
        }

        if (series.Range is not null)
            text.Append(CultureInfo.InvariantCulture, $" Reference range {WithUnit(series.Range, series.Unit)}.");
        return text.ToString();
    }

    private static string Heading(TrendSeries series) =>
        series.Unit.Length == 0 ? series.Title : $"{series.Title} ({series.Unit})";

    private static string Shorten(string text) =>
        text.Length <= MaxVisibleTitleLength ? text : string.Concat(text.AsSpan(0, MaxVisibleTitleLength - 1), "…");

    private static void AddRangeBand(XElement svg, ReferenceRange? range, TrendScale scale)
    {
        if (range is null || (range.Low is null && range.High is null))
            return;

        var top = scale.Y(range.High ?? scale.Maximum);
        var bottom = scale.Y(range.Low ?? scale.Minimum);
        svg.Add(new XElement(
            Svg + "rect",
            new XAttribute("class", "trend-range"),
            new XAttribute("x", Format(PlotLeft)),
            new XAttribute("y", Format(top)),
            new XAttribute("width", Format(PlotRight - PlotLeft)),
            new XAttribute("height", Format(bottom - top))));
    }

    private static void AddValueAxis(XElement svg, TrendScale scale)
    {
        foreach (var value in scale.Ticks())
        {
            var y = scale.Y(value);
            svg.Add(new XElement(
                Svg + "line",
                new XAttribute("class", "trend-grid"),
                new XAttribute("x1", Format(PlotLeft)),
                new XAttribute("x2", Format(PlotRight)),
                new XAttribute("y1", Format(y)),
                new XAttribute("y2", Format(y))));
            svg.Add(Text(PlotLeft - 6, y + 4, scale.Label(value), "trend-label", "end"));
        }
    }

    private static void AddTimeAxis(XElement svg, IReadOnlyList<TrendPoint> points)
    {
        var labelY = Height - 6;
        var first = FhirDates.FormatDate(points[0].Time);
        var last = FhirDates.FormatDate(points[^1].Time);
        if (points.Count == 1 || first == last)
        {
            svg.Add(Text((PlotLeft + PlotRight) / 2, labelY, first, "trend-label", "middle"));
            return;
        }

        svg.Add(Text(PlotLeft, labelY, first, "trend-label", "start"));
        svg.Add(Text(PlotRight, labelY, last, "trend-label", "end"));
    }

    private static void AddLine(XElement svg, TrendSeries series, TrendScale scale)
    {
        var coordinates = series.Points
            .Select(p => (X: TimeX(series.Points, p.Time), Y: scale.Y(p.Value), Point: p))
            .ToList();
        if (coordinates.Count > 1)
        {
            var path = string.Join(' ', coordinates.Select(c => $"{Format(c.X)},{Format(c.Y)}"));
            svg.Add(new XElement(Svg + "polyline", new XAttribute("class", "trend-line"), new XAttribute("points", path)));
        }

        foreach (var (x, y, point) in coordinates)
        {
            var label = $"{FhirDates.FormatDate(point.Time)}: {WithUnit(point.Value, series.Unit)}";
            svg.Add(new XElement(
                Svg + "circle",
                new XAttribute("class", "trend-point"),
                new XAttribute("cx", Format(x)),
                new XAttribute("cy", Format(y)),
                new XAttribute("r", "3"),
                new XElement(Svg + "title", label)));
        }
    }

    private static double TimeX(IReadOnlyList<TrendPoint> points, DateTimeOffset time)
    {
        var span = (points[^1].Time - points[0].Time).TotalSeconds;
        if (span <= 0)
            return (PlotLeft + PlotRight) / 2;

        var fraction = (time - points[0].Time).TotalSeconds / span;
        return PlotLeft + fraction * (PlotRight - PlotLeft);
    }

    private static XElement Text(double x, double y, string content, string cssClass, string anchor) =>
        new(
            Svg + "text",
            new XAttribute("class", cssClass),
            new XAttribute("x", Format(x)),
            new XAttribute("y", Format(y)),
            new XAttribute("text-anchor", anchor),
            content);

    private static string WithUnit(decimal value, string unit) => WithUnit(FhirDisplay.Number(value), unit);

    private static string WithUnit(object value, string unit) => unit.Length == 0 ? $"{value}" : $"{value} {unit}";

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string SafeId(string prefix)
    {
        var safe = new string(prefix.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return safe.Length == 0 || !char.IsAsciiLetter(safe[0]) ? "trend-" + safe : safe;
    }
}
