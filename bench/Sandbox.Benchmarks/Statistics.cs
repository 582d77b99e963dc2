namespace Sandbox.Benchmarks;

/// <summary>Summary statistics of repeated measurements.</summary>
internal static class Statistics
{
    /// <exception cref="InvalidOperationException">There are no values.</exception>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new InvalidOperationException("The median of no values is undefined.");

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
