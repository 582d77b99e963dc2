namespace Sandbox.SeedData.Reset;

/// <summary>The response of <c>POST /api/reset</c>.</summary>
/// <param name="To">What the store was reset to.</param>
/// <param name="Source">The seed written: <c>default</c>, an import folder, or <c>empty</c>.</param>
/// <param name="ResourceCount">How many resources the store contains afterwards.</param>
/// <param name="ElapsedMilliseconds">The time the reset took.</param>
public sealed record ResetResult(ResetTarget To, string Source, int ResourceCount, long ElapsedMilliseconds);
