using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>Checks on a load run that the scenarios share.</summary>
internal static class LoadChecks
{
    /// <summary>Returns the result when at least one measured request succeeded.</summary>
    /// <exception cref="ServerUnavailableException">No measured request succeeded; the message names the first failure.</exception>
    public static LoadResult EnsureMeasured(LoadResult result, string server)
    {
        if (result.Succeeded > 0)
            return result;

        throw new ServerUnavailableException(
            $"no request to the {server} succeeded: {result.FirstFailure ?? "none was measured"}");
    }

    /// <summary>Describes failed requests for the report's notes, or returns null when none failed.</summary>
    public static string? DescribeFailures(LoadResult? result, string server) =>
        result is { Failed: > 0 }
            ? $"{result.Failed} measured requests to the {server} failed, the first: {result.FirstFailure}"
            : null;
}
