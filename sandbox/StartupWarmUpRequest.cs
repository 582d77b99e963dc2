namespace Sandbox.Host;

/// <summary>
/// Marks a request that <see cref="StartupWarmUp"/> sends through the pipeline in memory. It is
/// a request feature, which a client cannot set, so the start-up gate lets only those pass.
/// </summary>
internal sealed class StartupWarmUpRequest
{
    private StartupWarmUpRequest()
    {
    }

    /// <summary>The one instance, set on every warm-up request.</summary>
    public static StartupWarmUpRequest Instance { get; } = new();
}
