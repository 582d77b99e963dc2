namespace Sandbox.EhrUi.Presentation.Charts;

/// <summary>One measured value of a trend at the time it was taken.</summary>
public sealed record TrendPoint(DateTimeOffset Time, decimal Value);
