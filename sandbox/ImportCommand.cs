using System.Diagnostics;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Import;

namespace Sandbox.Host;

/// <summary>
/// The <c>import</c> verb: loads Bundles and NDJSON files into the data folder's store
/// without starting the web server, with a progress bar, a line per file and the overall rate.
/// </summary>
internal static class ImportCommand
{
    public const string Verb = "import";

    private const string Usage = "sandbox import <file or folder>... [--data <folder>]";

    /// <summary>Runs the verb; returns 0 when every resource was stored, 1 when any failed, 2 on bad arguments or a data folder in use.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (paths, options) = Split(args);
        if (CommandLine.DescribeInvalidVerbOptions(options, Usage) is { } invalid)
        {
            await Console.Error.WriteLineAsync(invalid);
            return 2;
        }

        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        IReadOnlyList<string> files;
        try
        {
            files = ResourceImporter.FindFiles(paths);
        }
        catch (FileNotFoundException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        try
        {
            using var host = BuildHost(options);
            var importer = host.Services.GetRequiredService<ResourceImporter>();
            Console.WriteLine($"Importing {files.Count} files into {host.Services.GetRequiredService<DataFolder>().Path}");
            return await ImportAllAsync(importer, files, cancellationToken);
        }
        catch (DataFolderInUseException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A verb reports a failure as one line and an exit code, never as a crash with a stack trace.
            await Console.Error.WriteLineAsync($"The import failed: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> ImportAllAsync(
        ResourceImporter importer,
        IReadOnlyList<string> files,
        CancellationToken cancellationToken)
    {
        var progress = new ConsoleProgressBar(files.Count);
        var stopwatch = Stopwatch.StartNew();
        int resources = 0, errors = 0;
        foreach (var file in files)
        {
            var result = await importer.ImportFileAsync(file, progress, cancellationToken);
            resources += result.Resources;
            errors += result.Errors;
            progress.CompleteFile(result);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? resources / seconds : 0;
        Console.WriteLine($"Imported {resources} resources from {files.Count} files in {seconds:F1} s ({rate:F0} resources/s), {errors} errors.");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Builds a host with the FHIR store only, for verbs that work on the data folder without serving.</summary>
    internal static IHost BuildHost(string[] options)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = options,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(options, CommandLine.SwitchMappings);

        // The verb prints its own progress, so the host's log shows only warnings and errors.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        builder.Services.AddFhirStore(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// Separates the paths from the <c>--option value</c> pairs and <c>--option=value</c>
    /// arguments. A last option without a value stays in the options, where the check finds it.
    /// </summary>
    private static (List<string> Paths, string[] Options) Split(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        var options = new List<string>();
        var expanded = CommandLine.ExpandFlags(args);
        for (var i = 0; i < expanded.Length; i++)
        {
            var arg = expanded[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                paths.Add(arg);
                continue;
            }

            options.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < expanded.Length)
                options.Add(expanded[++i]);
        }

        return (paths, [.. options]);
    }
}
