using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks;

/// <summary>The result of measuring one side of a comparison, or the reason why it could not be measured.</summary>
internal sealed record Outcome<T>(T? Value, string? UnavailableReason)
    where T : class
{
    public static Outcome<T> Of(T value) => new(value, null);

    public static Outcome<T> NotAvailable(string reason) => new(null, reason);

    /// <summary>Turns the outcome into one figure of a comparison.</summary>
    public Reading ToReading(Func<T, double> figure) =>
        Value is null ? Reading.NotAvailable(UnavailableReason ?? "not measured") : Reading.Of(figure(Value));
}
