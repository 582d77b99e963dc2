using System.Globalization;

namespace Sandbox.EhrUi.Presentation.Charts;

/// <summary>
/// The value axis of a trend chart: the span that holds every point and the reference range,
/// padded so that no point sits on the plot's edge, mapped onto the plot's pixel rows.
/// </summary>
internal sealed class TrendScale
{
    private const decimal Padding = 0.08m;

    private readonly double _top;
    private readonly double _bottom;

    private TrendScale(decimal minimum, decimal maximum, double top, double bottom)
    {
        Minimum = minimum;
        Maximum = maximum;
        _top = top;
        _bottom = bottom;
    }

    /// <summary>The value drawn at the bottom of the plot.</summary>
    public decimal Minimum { get; }

    /// <summary>The value drawn at the top of the plot.</summary>
    public decimal Maximum { get; }

    /// <summary>Fits a scale to the series' points and reference range, between pixel rows <paramref name="top"/> and <paramref name="bottom"/>.</summary>
    public static TrendScale Fit(TrendSeries series, double top, double bottom)
    {
        var values = series.Points.Select(p => p.Value).ToList();
        if (series.Range?.Low is { } low)
            values.Add(low);
        if (series.Range?.High is { } high)
            values.Add(high);

        var minimum = values.Min();
        var maximum = values.Max();
        if (minimum == maximum)
        {
            // A flat series gets a span around its value, so the line sits in the middle.
            var half = minimum == 0 ? 1 : Math.Abs(minimum) * 0.1m;
            return new TrendScale(minimum - half, maximum + half, top, bottom);
        }

        var padding = (maximum - minimum) * Padding;
        return new TrendScale(minimum - padding, maximum + padding, top, bottom);
    }

    /// <summary>Returns the pixel row of a value, so that larger values are higher up.</summary>
    public double Y(decimal value)
    {
        var fraction = (double)((value - Minimum) / (Maximum - Minimum));
        return _bottom - fraction * (_bottom - _top);
    }

    /// <summary>Returns the values that get a grid line and a label: bottom, middle and top.</summary>
    public IReadOnlyList<decimal> Ticks() => [Minimum, (Minimum + Maximum) / 2, Maximum];

    /// <summary>Formats a tick value with as many decimals as the span needs.</summary>
    public string Label(decimal value)
    {
        var span = Maximum - Minimum;
        var format = span >= 10 ? "0" : span >= 1 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
