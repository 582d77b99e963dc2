using Sandbox.EhrUi.Pages.Data;
using Sandbox.FhirStore.Import;

namespace Sandbox.EhrUi.Tests.Pages;

public sealed class ImportStateDisplayTests
{
    [Theory]
    [InlineData("completed", 10, 0, "completed", "pill-active")]
    [InlineData("completed", 10, 2, "completed with errors", "pill-warning")]
    [InlineData("completed", 0, 1, "failed", "pill-failed")]
    [InlineData("failed", 0, 1, "failed", "pill-failed")]
    [InlineData("running", 3, 0, "running", "pill-accent")]
    [InlineData("cancelled", 3, 0, "cancelled", "pill-warning")]
    public void Of_State_ReturnsTextAndPill(string state, int resources, int errors, string text, string pill)
    {
        var status = new ImportJobStatus("job-1", "file.json", state, resources, errors, 1, 1, []);

        var display = ImportStateDisplay.Of(status);

        Assert.Equal(text, display.Text);
        Assert.Equal(pill, display.PillClass);
    }
}
