namespace Sandbox.Benchmarks.Reporting;

/// <summary>One measured figure, or the reason why it could not be measured.</summary>
internal sealed record Reading
{
    private Reading(double? value, string? unavailableReason)
    {
        Value = value;
        UnavailableReason = unavailableReason;
    }

    public double? Value { get; }

    public string? UnavailableReason { get; }

    public static Reading Of(double value) => new(value, null);

    public static Reading NotAvailable(string reason) => new(null, reason);
}
