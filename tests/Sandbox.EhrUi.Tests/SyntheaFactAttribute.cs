namespace Sandbox.EhrUi.Tests;

/// <summary>
/// A test that reads the Synthea R4 bundles in the folder named by SANDBOX_SYNTHEA_DIR,
/// skipped with a message when the variable is unset.
/// </summary>
public sealed class SyntheaFactAttribute : FactAttribute
{
    public const string VariableName = "SANDBOX_SYNTHEA_DIR";

    public SyntheaFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VariableName)))
            Skip = $"{VariableName} is not set: point it at a folder of Synthea R4 bundles to run this test.";
    }

    /// <summary>Returns the bundle files of the folder, in name order.</summary>
    public static IReadOnlyList<string> BundleFiles()
    {
        var folder = Environment.GetEnvironmentVariable(VariableName)
            ?? throw new InvalidOperationException($"{VariableName} is not set.");
        return Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
    }
}
