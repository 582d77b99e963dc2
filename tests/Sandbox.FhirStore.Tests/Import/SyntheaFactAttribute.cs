namespace Sandbox.FhirStore.Tests.Import;

/// <summary>
/// A fact that needs the Synthea R4 bundles. It is skipped, with a message saying how to run
/// it, unless the environment variable <see cref="VariableName"/> names their folder.
/// </summary>
public sealed class SyntheaFactAttribute : FactAttribute
{
    public const string VariableName = "SANDBOX_SYNTHEA_DIR";

    public SyntheaFactAttribute()
    {
        if (Folder is null)
            Skip = $"Set {VariableName} to the folder of Synthea R4 transaction bundles to run this test.";
    }

    /// <summary>The folder of Synthea bundles, or null when it is not configured.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } folder ? folder : null;
}
