namespace Sandbox.Benchmarks.Load;

/// <summary>
/// Every measured latency of a load run, kept so that percentiles are exact. The load
/// generator bounds the sample count, so memory stays bounded too.
/// </summary>
internal sealed class LatencySamples
{
    private readonly List<double> _milliseconds = [];
    private bool _sorted = true;

    public int Count => _milliseconds.Count;

    public void Add(double milliseconds)
    {
        _milliseconds.Add(milliseconds);
        _sorted = false;
    }

    public void AddRange(LatencySamples other)
    {
        _milliseconds.AddRange(other._milliseconds);
        _sorted = false;
    }

    /// <summary>Returns the latency that <paramref name="percent"/> % of the samples do not exceed (nearest rank).</summary>
    /// <exception cref="InvalidOperationException">There are no samples.</exception>
    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
            throw new InvalidOperationException("No latency was measured.");

        if (!_sorted)
        {
            _milliseconds.Sort();
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _milliseconds.Count);
        return _milliseconds[Math.Clamp(rank - 1, 0, _milliseconds.Count - 1)];
    }
}
