using System.Globalization;
using System.Xml.Linq;
using Sandbox.EhrUi.Presentation.Charts;

namespace Sandbox.EhrUi.Tests.Presentation;

public sealed class SvgTrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_Series_IsAccessibleImage()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 82, 79), "trend-1"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("trend-1-title trend-1-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Body weight (kg)", svg.Element(Svg + "title")?.Value);
        Assert.Equal("trend-1-title", (string?)svg.Element(Svg + "title")?.Attribute("id"));
        Assert.Equal("trend-1-desc", (string?)svg.Element(Svg + "desc")?.Attribute("id"));
    }

    [Fact]
    public void Describe_Series_NamesCountLatestAndExtremes()
    {
        var text = SvgTrendChart.Describe(Weight(80, 82, 79));

        Assert.Equal(
            "Body weight: 3 values from 1 Jan 2020 to 1 Mar 2020. Latest 79 kg. Lowest 79 kg, highest 82 kg.",
            text);
    }

    [Fact]
    public void Describe_WithRange_NamesRange()
    {
        var series = Weight(80, 82) with { Range = new ReferenceRange(60, 85) };

        var text = SvgTrendChart.Describe(series);

        Assert.EndsWith(" Reference range 60–85 kg.", text);
    }

    [Fact]
    public void Render_Points_HigherValueDrawnHigher()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 90, 70), "t"));

        var ys = svg.Elements(Svg + "circle").Select(c => double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, ys.Count);
        Assert.True(ys[1] < ys[0]);
        Assert.True(ys[2] > ys[0]);
    }

    [Fact]
    public void Render_Points_LeftToRightInTime()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 90, 70), "t"));

        var xs = svg.Elements(Svg + "circle").Select(c => double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(xs[0] < xs[1]);
        Assert.True(xs[1] < xs[2]);
    }

    [Fact]
    public void Render_Series_PolylineHasEveryPoint()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 90, 70, 75), "t"));

        var points = (string?)svg.Element(Svg + "polyline")?.Attribute("points");
        Assert.NotNull(points);
        Assert.Equal(4, points.Split(' ').Length);
    }

    [Fact]
    public void Render_WithRange_DrawsBand()
    {
        var series = Weight(80, 82) with { Range = new ReferenceRange(60, 85) };

        var svg = Parse(SvgTrendChart.Render(series, "t"));

        var band = Assert.Single(svg.Elements(Svg + "rect"), r => (string?)r.Attribute("class") == "trend-range");
        Assert.True(double.Parse((string)band.Attribute("height")!, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Render_WithoutRange_DrawsNoBand()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 82), "t"));

        Assert.Empty(svg.Elements(Svg + "rect"));
    }

    [Fact]
    public void Render_FlatSeries_StaysInsideChart()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80, 80, 80), "t"));

        var ys = svg.Elements(Svg + "circle").Select(c => double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture));
        Assert.All(ys, y => Assert.InRange(y, 0, SvgTrendChart.Height));
    }

    [Fact]
    public void Render_SinglePoint_DrawsPointWithoutLine()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(80), "t"));

        Assert.Null(svg.Element(Svg + "polyline"));
        Assert.Single(svg.Elements(Svg + "circle"));
    }

    [Fact]
    public void Render_MarkupInTitle_IsEscaped()
    {
        var series = Weight(1, 2) with { Title = "<script>alert(1)</script> & co" };

        var markup = SvgTrendChart.Render(series, "t");

        Assert.DoesNotContain("<script>", markup);
        Assert.Equal("<script>alert(1)</script> & co (kg)", Parse(markup).Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Render_UnsafeIdPrefix_IsCleaned()
    {
        var svg = Parse(SvgTrendChart.Render(Weight(1, 2), "\"><x"));
        var numeric = Parse(SvgTrendChart.Render(Weight(1, 2), "1"));

        Assert.Equal("x-title x-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("trend-1-title trend-1-desc", (string?)numeric.Attribute("aria-labelledby"));
    }

    [Fact]
    public void Render_LongTitle_ShortensVisibleTextOnly()
    {
        var series = Weight(1, 2) with { Title = new string('x', 80) };

        var svg = Parse(SvgTrendChart.Render(series, "t"));

        var visible = svg.Elements(Svg + "text").First(t => (string?)t.Attribute("class") == "trend-title").Value;
        Assert.Equal(44, visible.Length);
        Assert.EndsWith("…", visible);
        Assert.Equal(new string('x', 80) + " (kg)", svg.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Render_EmptySeries_Throws()
    {
        var series = new TrendSeries("k", "Body weight", "kg", [], null);

        Assert.Throws<ArgumentException>(() => SvgTrendChart.Render(series, "t"));
    }

    private static TrendSeries Weight(params decimal[] values)
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var points = values.Select((value, index) => new TrendPoint(start.AddMonths(index), value)).ToList();
        return new TrendSeries("http://loinc.org|29463-7|kg", "Body weight", "kg", points, null);
    }

    private static XElement Parse(string markup) => XElement.Parse(markup);
}
