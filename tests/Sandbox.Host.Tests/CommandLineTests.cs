namespace Sandbox.Host.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void IsHelpRequested_HelpArgument_ReturnsTrue(string argument)
    {
        Assert.True(CommandLine.IsHelpRequested(["--urls", "http://127.0.0.1:0", argument]));
    }

    [Fact]
    public void ExpandFlags_StandAloneFlag_AddsTrue()
    {
        var expanded = CommandLine.ExpandFlags(["--ephemeral", "--seed", "empty"]);

        Assert.Equal(["--ephemeral", "true", "--seed", "empty"], expanded);
    }

    [Fact]
    public void ExpandFlags_FlagWithValue_KeepsValue()
    {
        var expanded = CommandLine.ExpandFlags(["--open-fhir", "false"]);

        Assert.Equal(["--open-fhir", "false"], expanded);
    }

    [Fact]
    public void HelpText_NamesEveryMappedOption()
    {
        foreach (var option in CommandLine.SwitchMappings.Keys)
            Assert.Contains(option, CommandLine.HelpText);
    }

    [Theory]
    [InlineData(ImportCommand.Verb)]
    [InlineData(ReindexCommand.Verb)]
    public void HelpText_NamesVerb(string verb)
    {
        Assert.Contains($"sandbox {verb} ", CommandLine.HelpText);
    }
}
