namespace Sandbox.Auth.Launches;

/// <summary>
/// The outcome of <see cref="LaunchReferenceCheck"/>: the launch request to store, with the
/// patient taken from the encounter when the caller gave none, or the problem that rejects it.
/// </summary>
public sealed record LaunchCheckResult(LaunchRequest? Request, string? Problem)
{
    /// <summary>Returns a rejection with its reason for the caller.</summary>
    public static LaunchCheckResult Rejected(string problem) => new(null, problem);
}
