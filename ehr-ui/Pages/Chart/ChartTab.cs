namespace Sandbox.EhrUi.Pages.Chart;

/// <summary>A section of the patient chart, each with its own URL.</summary>
/// <param name="Slug">The last path segment of the tab's URL, such as <c>vitals</c>.</param>
/// <param name="Label">The tab's visible name.</param>
public sealed record ChartTab(string Slug, string Label)
{
    public static ChartTab Summary { get; } = new("summary", "Summary");

    public static ChartTab Encounters { get; } = new("encounters", "Encounters");

    public static ChartTab Problems { get; } = new("problems", "Problems");

    public static ChartTab Medications { get; } = new("medications", "Medications");

    public static ChartTab Allergies { get; } = new("allergies", "Allergies");

    public static ChartTab VitalsAndLabs { get; } = new("vitals", "Vitals and labs");

    public static ChartTab Immunizations { get; } = new("immunizations", "Immunizations");

    public static ChartTab Documents { get; } = new("documents", "Documents");

    /// <summary>Every tab, in the order the chart shows them.</summary>
    public static IReadOnlyList<ChartTab> All { get; } =
        [Summary, Encounters, Problems, Medications, Allergies, VitalsAndLabs, Immunizations, Documents];

    /// <summary>Finds a tab by its slug. A missing slug gives the summary and an unknown one null.</summary>
    public static ChartTab? Find(string? slug) =>
        string.IsNullOrEmpty(slug) ? Summary : All.FirstOrDefault(tab => tab.Slug == slug);
}
