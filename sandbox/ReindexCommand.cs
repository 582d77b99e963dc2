using System.Diagnostics;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Search.Indexing;

namespace Sandbox.Host;

/// <summary>
/// The <c>reindex</c> verb: rebuilds the search index rows of every current resource in the
/// data folder's store without starting the web server, for use after the indexing code or
/// the index tables changed. It prints a progress line and a summary.
/// </summary>
internal static class ReindexCommand
{
    public const string Verb = "reindex";

    private const string Usage = "sandbox reindex [--data <folder>]";

    /// <summary>Runs the verb and returns the exit code: 0 on success, 2 on invalid arguments or a data folder in use.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = CommandLine.ExpandFlags(args);
        if (CommandLine.DescribeInvalidVerbOptions(options, Usage) is { } invalid)
        {
            await Console.Error.WriteLineAsync(invalid);
            return 2;
        }

        using var host = ImportCommand.BuildHost(options);
        string folder;
        try
        {
            folder = host.Services.GetRequiredService<DataFolder>().Path;
        }
        catch (DataFolderInUseException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        var reindexer = host.Services.GetRequiredService<SearchReindexer>();
        var total = await reindexer.CountAsync(cancellationToken);
        Console.WriteLine($"Re-indexing {total} resources in {folder}");

        var stopwatch = Stopwatch.StartNew();
        var progress = new ReindexProgress(total);
        var done = await reindexer.ReindexAsync(progress, cancellationToken);
        progress.Clear();

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        Console.WriteLine($"Re-indexed {done} resources in {seconds:F1} s ({rate:F0} resources/s).");
        return 0;
    }

    /// <summary>A progress line on standard error, redrawn after each batch. It prints nothing without a terminal.</summary>
    private sealed class ReindexProgress(long total) : IProgress<long>
    {
        private readonly bool _isInteractive = !Console.IsErrorRedirected;

        public void Report(long value)
        {
            if (_isInteractive)
                Console.Error.Write($"\r{value} of {total} resources re-indexed");
        }

        public void Clear()
        {
            if (_isInteractive)
                Console.Error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
