namespace Sandbox.Benchmarks.Probes;

/// <summary>The storage probe's time split into its steps, so that a reader sees what bounds ingest.</summary>
internal sealed class IngestBreakdown
{
    public TimeSpan Parse { get; set; }

    public TimeSpan Serialize { get; set; }

    public TimeSpan Write { get; set; }

    public string Describe()
    {
        var total = (Parse + Serialize + Write).TotalMilliseconds;
        return $"Firely parse {Parse.TotalMilliseconds / total:P0}, Firely serialize {Serialize.TotalMilliseconds / total:P0}, "
            + $"SQLite write and commit {Write.TotalMilliseconds / total:P0}";
    }
}
