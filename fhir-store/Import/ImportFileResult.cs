namespace Sandbox.FhirStore.Import;

/// <summary>What importing one file or upload did.</summary>
/// <param name="Name">The file name or upload name.</param>
/// <param name="Resources">The resources stored.</param>
/// <param name="Errors">The resources or lines that failed.</param>
/// <param name="Elapsed">The time the import took.</param>
/// <param name="Messages">The error messages, at most a few per file.</param>
public sealed record ImportFileResult(
    string Name,
    int Resources,
    int Errors,
    TimeSpan Elapsed,
    IReadOnlyList<string> Messages);
