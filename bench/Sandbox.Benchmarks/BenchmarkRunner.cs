using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Reporting;
using Sandbox.Benchmarks.Scenarios;

namespace Sandbox.Benchmarks;

/// <summary>Runs the scenarios that the command line selects and prints their report.</summary>
internal static class BenchmarkRunner
{
    public const int ExitSuccess = 0;
    public const int ExitScenarioFailed = 1;
    public const int ExitInvalidArguments = 2;

    /// <summary>
    /// Runs the benchmark. Returns <see cref="ExitScenarioFailed"/> when a probe side failed,
    /// <see cref="ExitInvalidArguments"/> for invalid arguments, and <see cref="ExitSuccess"/>
    /// otherwise: a missed target or a sandbox that is not available is reported, not an error.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var scenarios = ScenarioCatalog.All.ToDictionary(scenario => scenario.Name);
        var options = BenchmarkOptions.Parse(args, scenarios.Keys, out var error);
        if (options is null)
        {
            output.WriteLine(error ?? string.Format(BenchmarkOptions.HelpText, DescribeScenarios()));
            return error is null ? ExitSuccess : ExitInvalidArguments;
        }

        var settings = options.Quick ? RunSettings.Quick : RunSettings.Full;
        if (options.ScaleCopies is not null)
            settings = settings with { ScaleCopies = options.ScaleCopies };

        var outputs = BuildOutputs.Locate(options.SandboxAssembly);
        var dataSet = await DataSetLoader.LoadAsync(settings, cancellationToken);
        var workFolder = Directory.CreateTempSubdirectory("sandbox-bench-");
        try
        {
            var printer = new ReportPrinter(output);
            printer.PrintHeader(DescribeRun(options, outputs, dataSet));
            var context = new BenchmarkContext(options, settings, outputs, dataSet, workFolder.FullName);
            var selected = options.Scenarios.Select(name => scenarios[name]).ToList();
            var reports = await RunRoundsAsync(selected, options.Rounds, context, printer, output, cancellationToken);

            output.WriteLine($"at the end, {MachineInfo.DescribeLoad()}");
            return reports.Any(report => report.Failure is not null) ? ExitScenarioFailed : ExitSuccess;
        }
        finally
        {
            workFolder.Delete(recursive: true);
        }
    }

    /// <summary>Runs the scenarios round after round, printing each report, then the summary of the rounds.</summary>
    private static async Task<IReadOnlyList<ScenarioReport>> RunRoundsAsync(
        IReadOnlyList<IScenario> scenarios,
        int rounds,
        BenchmarkContext context,
        ReportPrinter printer,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var reports = new List<ScenarioReport>();
        for (var round = 1; round <= rounds; round++)
        {
            if (rounds > 1)
                output.WriteLine($"---- round {round} of {rounds}, {MachineInfo.DescribeLoad()}");

            foreach (var scenario in scenarios)
            {
                var report = await RunScenarioAsync(scenario, context, cancellationToken);
                printer.Print(report);
                reports.Add(report);
            }
        }

        if (rounds > 1)
        {
            output.WriteLine($"---- summary of {rounds} rounds");
            foreach (var summary in RoundSummary.Summarize(reports, rounds))
                printer.Print(summary);
        }

        return reports;
    }

    private static async Task<ScenarioReport> RunScenarioAsync(
        IScenario scenario,
        BenchmarkContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            return await scenario.RunAsync(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ScenarioReport.Failed(scenario.Name, scenario.Definition, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private static IEnumerable<string> DescribeRun(BenchmarkOptions options, BuildOutputs outputs, DataSet dataSet)
    {
        foreach (var line in MachineInfo.Describe())
            yield return line;

        yield return $"build: {outputs.OutputFolder}; probe {outputs.ProbeAssembly}; sandbox {outputs.SandboxAssembly}";
        yield return $"data: {dataSet.Description}; {dataSet.EntryCount} entries, {dataSet.DistinctKeys.Count} distinct resources";
        yield return "ratios are sandbox / probe, both measured in this run";
        if (options.Quick)
            yield return "QUICK RUN: small data, short durations, one spawn each; the figures are a smoke test, not measurements";

        if (!outputs.OutputFolder.Contains("Release", StringComparison.Ordinal))
            yield return "NOT A RELEASE BUILD: run with -c Release for figures worth recording";
    }

    private static string DescribeScenarios() =>
        string.Join(
            Environment.NewLine,
            ScenarioCatalog.All.Select(scenario => $"  {scenario.Name,-20} {scenario.Definition}"));
}
