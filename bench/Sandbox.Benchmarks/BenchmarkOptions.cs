namespace Sandbox.Benchmarks;

/// <summary>The parsed command line of the benchmark program.</summary>
internal sealed record BenchmarkOptions(
    IReadOnlyList<string> Scenarios,
    bool Quick,
    bool ProbesOnly,
    string? SandboxAssembly,
    int Rounds,
    IReadOnlyList<int>? ScaleCopies = null)
{
    public const string HelpText =
        """
        Benchmarks of the SMART sandbox against bare probes, measured side by side in one run.

        Usage:
          dotnet run -c Release --project bench/Sandbox.Benchmarks -- [scenario...|all] [options]

        Scenarios (default: all):
        {0}

        Options:
          --quick              smoke run: a small data set, short durations and few repeats;
                               the figures show that the program works, not how fast anything is
          --probes-only        measure only the probes and skip every sandbox side
          --rounds <n>         run the scenarios n times in turn and add a summary of the medians,
                               which evens out drift in the machine's load; default 1
          --scale-copies <n,n,...>  store sizes of search-scale, as copies of the data set in
                               increasing order; default 1,10,40 (about 500,000 resources
                               with the Synthea Bundles), 1,2 with --quick
          --sandbox <dll>      the Sandbox.Host.dll to spawn; default: the sandbox's build output
                               of the same configuration as this program (Release for figures)
          --help               show this text

        Environment:
          SANDBOX_SYNTHEA_DIR  folder of Synthea transaction Bundles to use as the data set;
                               when unset, generated Bundles of the same shape are used
        """;

    /// <summary>
    /// Parses the arguments. Returns null with an error message when an argument is invalid,
    /// and null without a message when help was requested.
    /// </summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> knownScenarios, out string? error)
    {
        error = null;
        var scenarios = new List<string>();
        var quick = false;
        var probesOnly = false;
        string? sandboxAssembly = null;
        var rounds = 1;
        IReadOnlyList<int>? scaleCopies = null;

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "help":
                    return null;
                case "--quick":
                    quick = true;
                    break;
                case "--probes-only":
                    probesOnly = true;
                    break;
                case "--sandbox" when i + 1 < args.Count:
                    sandboxAssembly = Path.GetFullPath(args[++i]);
                    break;
                case "--sandbox":
                    error = "--sandbox needs the path of a Sandbox.Host.dll.";
                    return null;
                case "--rounds":
                    if (i + 1 >= args.Count || !int.TryParse(args[++i], out rounds) || rounds < 1)
                    {
                        error = "--rounds needs a whole number of at least 1, for example --rounds 3.";
                        return null;
                    }

                    break;
                case "--scale-copies":
                    scaleCopies = i + 1 < args.Count ? ParseCopies(args[++i]) : null;
                    if (scaleCopies is null)
                    {
                        error = "--scale-copies needs whole numbers of at least 1 in increasing order, for example --scale-copies 1,4,10.";
                        return null;
                    }

                    break;
                case "all":
                    scenarios.AddRange(knownScenarios);
                    break;
                case var name when knownScenarios.Contains(name):
                    scenarios.Add(name);
                    break;
                default:
                    error = $"Unknown argument '{args[i]}'. Scenarios: {string.Join(", ", knownScenarios)}, all. Run with --help for the options.";
                    return null;
            }
        }

        if (scenarios.Count == 0)
            scenarios.AddRange(knownScenarios);

        return new BenchmarkOptions([.. scenarios.Distinct()], quick, probesOnly, sandboxAssembly, rounds, scaleCopies);
    }

    /// <summary>Parses <c>1,4,10</c>; returns null unless every number is at least 1 and larger than the one before.</summary>
    private static List<int>? ParseCopies(string text)
    {
        var copies = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, out var value) || value < 1 || (copies.Count > 0 && value <= copies[^1]))
                return null;

            copies.Add(value);
        }

        return copies;
    }
}
