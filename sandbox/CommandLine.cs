namespace Sandbox.Host;

/// <summary>
/// The sandbox's command-line surface: verbs, the short option names mapped onto
/// configuration keys, and the help text. Any other <c>--Key value</c> pair passes through
/// to ASP.NET Core configuration unchanged.
/// </summary>
internal static class CommandLine
{
    /// <summary>Short options and the configuration keys they set.</summary>
    public static readonly IDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--data"] = "Sandbox:DataFolder",
        ["--ephemeral"] = "Sandbox:Ephemeral",
        ["--seed"] = "Sandbox:Seed",
        ["--open-fhir"] = "Auth:OpenFhir",
    };

    // Options that may stand alone; "--ephemeral" means "--ephemeral true".
    private static readonly HashSet<string> Flags = ["--ephemeral", "--open-fhir"];

    // The top-level keys that the ASP.NET Core host itself reads, such as --urls and
    // --environment. Any other option without a ':' sets a key that nothing reads.
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        WebHostDefaults.ServerUrlsKey,
        WebHostDefaults.HttpPortsKey,
        WebHostDefaults.HttpsPortsKey,
        WebHostDefaults.EnvironmentKey,
        WebHostDefaults.ContentRootKey,
        WebHostDefaults.ApplicationKey,
        WebHostDefaults.WebRootKey,
        WebHostDefaults.DetailedErrorsKey,
        WebHostDefaults.ShutdownTimeoutKey,
        WebHostDefaults.SuppressStatusMessagesKey,
        WebHostDefaults.PreferHostingUrlsKey,
        WebHostDefaults.PreventHostingStartupKey,
        WebHostDefaults.HostingStartupAssembliesKey,
        WebHostDefaults.HostingStartupExcludeAssembliesKey,
        "AllowedHosts",
    };

    public const string HelpText =
        """
        SMART on FHIR sandbox: a mock EHR, a SMART authorization server and a FHIR R4 store.

        Usage:
          sandbox [options]                 run the sandbox
          sandbox import <path>... [options]  load Bundles and NDJSON files into the data folder
          sandbox reindex [--data <folder>]   rebuild the search index of the data folder's store
          sandbox --help                    show this text

        Options (each also has a configuration key, in brackets):
          --urls <urls>        listening URLs, separated by ';'   [Urls]
                               default http://localhost:5080
          --data <folder>      data folder for the SQLite store, keys and secrets   [Sandbox:DataFolder]
                               default ./sandbox-data
          --ephemeral          use a throwaway temporary data folder, deleted at shutdown   [Sandbox:Ephemeral]
                               default off; when on, --data is ignored
          --seed <mode>        what an empty store is filled with at start: 'default' (the seed
                               population), 'empty', or a folder of Bundles to import   [Sandbox:Seed]
                               default 'default'
          --open-fhir          serve /fhir without access tokens (no scope enforcement)   [Auth:OpenFhir]
                               default off

        Any configuration key can be given as an option with its section, for example
        --Fhir:MaxRequestBodySize 1048576. Keys can also be set in appsettings.json or as
        environment variables, with '__' for ':' (for example Sandbox__DataFolder=/tmp/sandbox).
        An unknown option, an option without a value or a value of the wrong type stops the
        sandbox with exit code 2.
        An unknown option after 'import' or 'reindex' stops the verb with exit code 2.

        Exit codes: 0 after a normal stop, 1 when the sandbox or an import fails,
        2 for invalid arguments or configuration.
        """;

    /// <summary>Whether the arguments ask for the help text.</summary>
    public static bool IsHelpRequested(IReadOnlyList<string> args) =>
        args.Any(arg => arg is "--help" or "-h" or "-?" or "help");

    /// <summary>
    /// Returns the first argument that is neither a <c>--key value</c> pair nor a
    /// <c>--key=value</c> argument, or null when there is none. ASP.NET Core would ignore such
    /// an argument silently, so a typo such as <c>-seed</c> or a stray word would go unnoticed.
    /// </summary>
    public static string? FindUnexpectedArgument(IReadOnlyList<string> expandedArgs)
    {
        for (var i = 0; i < expandedArgs.Count; i++)
        {
            var arg = expandedArgs[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                return arg;
            if (!arg.Contains('=', StringComparison.Ordinal))
                i++;
        }

        return null;
    }

    /// <summary>
    /// Returns the first <c>--name</c> option that is neither a short option, nor a key the
    /// ASP.NET Core host reads, nor a section key with a ':' such as <c>--Fhir:MaxRequestBodySize</c>,
    /// or null when there is none. Configuration would store such an option under a key that
    /// nothing reads, so a typo such as <c>--ephmeral</c> would change the run silently.
    /// </summary>
    public static string? FindUnknownOption(IReadOnlyList<string> expandedArgs)
    {
        for (var i = 0; i < expandedArgs.Count; i += 2)
        {
            var arg = expandedArgs[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                return null;

            var separator = arg.IndexOf('=', StringComparison.Ordinal);
            if (separator >= 0)
                i--;

            var option = separator >= 0 ? arg[..separator] : arg;
            if (!IsKnownOption(option))
                return option;
        }

        return null;
    }

    /// <summary>
    /// Checks the options of a verb as the main command checks its own: for unknown options,
    /// for arguments that are not options and for an option without a value. Returns
    /// the message for the first problem, with <paramref name="usage"/>, or null when there is none.
    /// </summary>
    public static string? DescribeInvalidVerbOptions(IReadOnlyList<string> expandedOptions, string usage)
    {
        if (FindUnknownOption(expandedOptions) is { } unknown)
            return $"Unknown option '{unknown}'. Usage: {usage}";

        if (FindUnexpectedArgument(expandedOptions) is { } unexpected)
            return $"Unknown argument '{unexpected}'. Usage: {usage}";

        if (FindOptionWithoutValue(expandedOptions) is { } withoutValue)
            return $"The option '{withoutValue}' has no value. Usage: {usage}";

        return null;
    }

    /// <summary>
    /// Returns a last <c>--name</c> option that has no value, or null when there is none.
    /// Configuration skips such an option, so a bare <c>--data</c> would silently leave the
    /// default folder in place. Expects options only, as <see cref="FindUnexpectedArgument"/> checks.
    /// </summary>
    public static string? FindOptionWithoutValue(IReadOnlyList<string> expandedOptions)
    {
        for (var i = 0; i < expandedOptions.Count; i++)
        {
            var option = expandedOptions[i];
            if (option.Contains('=', StringComparison.Ordinal))
                continue;

            if (i + 1 == expandedOptions.Count)
                return option;

            i++;
        }

        return null;
    }

    private static bool IsKnownOption(string option) =>
        option.Contains(':', StringComparison.Ordinal)
        || SwitchMappings.Keys.Contains(option, StringComparer.OrdinalIgnoreCase)
        || HostKeys.Contains(option[2..]);

    /// <summary>Expands each stand-alone flag into a <c>--flag true</c> pair.</summary>
    public static string[] ExpandFlags(IReadOnlyList<string> args)
    {
        var expanded = new List<string>(args.Count + 2);
        for (var i = 0; i < args.Count; i++)
        {
            expanded.Add(args[i]);
            var isFlag = Flags.Contains(args[i]);
            var hasValue = i + 1 < args.Count && args[i + 1] is "true" or "false";
            if (isFlag && !hasValue)
                expanded.Add("true");
        }

        return [.. expanded];
    }
}
