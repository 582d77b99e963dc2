using Sandbox.FhirStore.Import;

namespace Sandbox.EhrUi.Pages.Data;

/// <summary>
/// The state of an import job as the data page shows it. A job that finished with errors is
/// not shown as plainly completed: it "failed" when it stored nothing, and "completed with
/// errors" when it stored some resources.
/// </summary>
public sealed record ImportStateDisplay(string Text, string PillClass)
{
    /// <summary>Returns the text and pill style for <paramref name="status"/>.</summary>
    public static ImportStateDisplay Of(ImportJobStatus status) => status.State switch
    {
        "failed" => new("failed", "pill-failed"),
        "completed" when status.Errors > 0 && status.Resources == 0 => new("failed", "pill-failed"),
        "completed" when status.Errors > 0 => new("completed with errors", "pill-warning"),
        "completed" => new("completed", "pill-active"),
        "cancelled" => new("cancelled", "pill-warning"),
        _ => new(status.State, "pill-accent"),
    };
}
