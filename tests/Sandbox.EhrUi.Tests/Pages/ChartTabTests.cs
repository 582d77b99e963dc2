using Sandbox.EhrUi.Pages.Chart;

namespace Sandbox.EhrUi.Tests.Pages;

public sealed class ChartTabTests
{
    [Fact]
    public void Find_NoSlug_IsSummary()
    {
        Assert.Same(ChartTab.Summary, ChartTab.Find(null));
    }

    [Fact]
    public void Find_KnownSlug_ReturnsTab()
    {
        Assert.Same(ChartTab.VitalsAndLabs, ChartTab.Find("vitals"));
    }

    [Fact]
    public void Find_UnknownSlug_ReturnsNull()
    {
        Assert.Null(ChartTab.Find("billing"));
    }

    [Fact]
    public void All_Slugs_AreUnique()
    {
        Assert.Equal(ChartTab.All.Count, ChartTab.All.Select(t => t.Slug).Distinct().Count());
    }

    [Fact]
    public void ChartUrl_WithEncounter_KeepsIt()
    {
        var url = PatientChartModel.ChartUrl("p 1", ChartTab.Problems, "e/1");

        Assert.Equal("/patients/p%201/problems?encounter=e%2F1", url);
    }
}
