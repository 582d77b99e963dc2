namespace Sandbox.Benchmarks.Reporting;

/// <summary>A bound on the ratio sandbox / probe, such as "at most 2.0 times the probe's start".</summary>
internal sealed record Target(double Ratio, bool IsUpperBound)
{
    public static Target AtMost(double ratio) => new(ratio, IsUpperBound: true);

    public static Target AtLeast(double ratio) => new(ratio, IsUpperBound: false);

    public bool IsMetBy(double ratio) => IsUpperBound ? ratio <= Ratio : ratio >= Ratio;

    public override string ToString() => (IsUpperBound ? "<= " : ">= ") + Ratio.ToString("0.0#") + "x";
}
