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

    [Theory]
    [InlineData("--ephmeral")]
    [InlineData("--open-fhri")]
    [InlineData("--bogus-flag=1")]
    public void FindUnknownOption_Typo_ReturnsOption(string option)
    {
        var unknown = CommandLine.FindUnknownOption(["--seed", "empty", option, "true"]);

        Assert.Equal(option.Split('=')[0], unknown);
    }

    [Theory]
    [InlineData("--Sandbox:KeyPool", "false")]
    [InlineData("--URLS", "http://127.0.0.1:0")]
    [InlineData("--environment", "Development")]
    [InlineData("--data", "/tmp/sandbox")]
    public void FindUnknownOption_KnownOption_ReturnsNull(string option, string value)
    {
        Assert.Null(CommandLine.FindUnknownOption(["--data=/tmp/sandbox", option, value, "--ephemeral", "true"]));
    }

    // The options are given separated by spaces.
    [Theory]
    [InlineData("--bogus x", "Unknown option '--bogus'")]
    [InlineData("--data /tmp/sandbox stray", "Unknown argument 'stray'")]
    [InlineData("--data", "The option '--data' has no value")]
    [InlineData("--ephemeral true --data", "The option '--data' has no value")]
    public void DescribeInvalidVerbOptions_Invalid_NamesProblem(string options, string expected)
    {
        var message = CommandLine.DescribeInvalidVerbOptions(options.Split(' '), "sandbox verb [--data <folder>]");

        Assert.NotNull(message);
        Assert.StartsWith(expected, message);
        Assert.EndsWith("Usage: sandbox verb [--data <folder>]", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--data /tmp/sandbox")]
    [InlineData("--data=/tmp/a=b --Fhir:ImportBatchSize 10")]
    [InlineData("--ephemeral true --Logging:LogLevel:Default Warning")]
    public void DescribeInvalidVerbOptions_Valid_ReturnsNull(string options)
    {
        var arguments = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Null(CommandLine.DescribeInvalidVerbOptions(arguments, "sandbox verb"));
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
