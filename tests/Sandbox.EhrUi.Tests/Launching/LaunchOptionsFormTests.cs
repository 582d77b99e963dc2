using Sandbox.EhrUi.Pages.Apps;

namespace Sandbox.EhrUi.Tests.Launching;

public sealed class LaunchOptionsFormTests
{
    [Fact]
    public void ToOptions_ExtraLines_ParsesNameValuePairs()
    {
        var form = new LaunchOptionsForm { Extra = "role=nurse\n  site = north \n" };

        var options = form.ToOptions(out var problems);

        Assert.Empty(problems);
        Assert.Equal("nurse", options.Extra["role"]);
        Assert.Equal("north", options.Extra["site"]);
    }

    [Fact]
    public void ToOptions_ExtraLineWithoutEquals_ReportsLine()
    {
        var form = new LaunchOptionsForm { Extra = "nurse" };

        form.ToOptions(out var problems);

        Assert.Contains("'nurse'", Assert.Single(problems));
    }

    [Fact]
    public void ToOptions_ReservedExtraName_ReportsIt()
    {
        var form = new LaunchOptionsForm { Extra = "patient=p-other\nrole=nurse" };

        var options = form.ToOptions(out var problems);

        Assert.Contains("'patient'", Assert.Single(problems));
        Assert.False(options.Extra.ContainsKey("patient"));
    }

    [Fact]
    public void ToOptions_PickedAndTypedContext_MergesWithoutDuplicates()
    {
        var form = new LaunchOptionsForm
        {
            PickedContext = ["Condition/c-1"],
            OtherContext = "Observation/o-2\nCondition/c-1",
        };

        var options = form.ToOptions(out var problems);

        Assert.Empty(problems);
        Assert.Equal(["Condition/c-1", "Observation/o-2"], options.FhirContext);
    }

    [Fact]
    public void ToOptions_AbsoluteContextReference_IsRejected()
    {
        var form = new LaunchOptionsForm { OtherContext = "http://example.org/fhir/Observation/1" };

        form.ToOptions(out var problems);

        Assert.Contains("not a relative reference", Assert.Single(problems));
    }

    [Theory]
    [InlineData("Patient/p-2")]
    [InlineData("Encounter/e-1")]
    public void ToOptions_PatientOrEncounterContext_IsRejected(string reference)
    {
        var form = new LaunchOptionsForm { OtherContext = reference };

        form.ToOptions(out var problems);

        Assert.Contains($"'{reference}' names a patient or encounter", Assert.Single(problems));
    }

    [Fact]
    public void ToOptions_RelativeStyleUrl_IsRejected()
    {
        var form = new LaunchOptionsForm { SmartStyleUrl = "/style.json" };

        form.ToOptions(out var problems);

        Assert.Contains("smart_style_url", Assert.Single(problems));
    }

    [Fact]
    public void ToOptions_UnknownSandboxToken_ReportsToken()
    {
        var form = new LaunchOptionsForm { IframeSandbox = "allow-scripts \" onload=\"alert(9)" };

        form.ToOptions(out var problems);

        var problem = Assert.Single(problems);
        Assert.Contains("'\"', 'onload=\"alert(9)'", problem);
        Assert.Contains("allow-same-origin", problem);
    }

    [Fact]
    public void ToOptions_StandardSandboxTokens_ReportsNothing()
    {
        var form = new LaunchOptionsForm { IframeSandbox = "allow-scripts  ALLOW-same-origin\tallow-forms\nallow-popups-to-escape-sandbox" };

        var options = form.ToOptions(out var problems);

        Assert.Empty(problems);
        Assert.StartsWith("allow-scripts", options.IframeSandbox);
    }

    [Fact]
    public void ToOptions_EmptySandbox_ReportsNothing()
    {
        var form = new LaunchOptionsForm { IframeSandbox = "  " };

        var options = form.ToOptions(out var problems);

        Assert.Empty(problems);
        Assert.Equal(string.Empty, options.IframeSandbox);
    }
}
