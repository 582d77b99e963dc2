namespace Sandbox.FhirStore.Import;

/// <summary>The progress of an import job, as the admin API returns it.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Name">The upload name.</param>
/// <param name="State">running, completed, failed, or cancelled when a store reset or the sandbox's stop ended the job.</param>
/// <param name="Resources">The resources stored so far.</param>
/// <param name="Errors">The resources or lines that failed so far.</param>
/// <param name="ElapsedSeconds">The time since the job started, or its duration once finished.</param>
/// <param name="ResourcesPerSecond">The average rate so far.</param>
/// <param name="Messages">The first error messages.</param>
public sealed record ImportJobStatus(
    string Id,
    string Name,
    string State,
    int Resources,
    int Errors,
    double ElapsedSeconds,
    double ResourcesPerSecond,
    IReadOnlyList<string> Messages);
