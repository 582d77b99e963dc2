namespace Sandbox.SeedData.Reset;

/// <summary>The body of <c>POST /api/reset</c>.</summary>
/// <param name="To">What the store contains afterwards. Default Seed.</param>
public sealed record ResetRequest(ResetTarget To = ResetTarget.Seed);
