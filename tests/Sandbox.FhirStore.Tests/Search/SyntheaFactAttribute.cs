namespace Sandbox.FhirStore.Tests.Search;

/// <summary>A test that needs the Synthea R4 bundles; skipped with a message when <c>SANDBOX_SYNTHEA_DIR</c> is unset.</summary>
public sealed class SyntheaFactAttribute : FactAttribute
{
    public const string VariableName = "SANDBOX_SYNTHEA_DIR";

    public SyntheaFactAttribute()
    {
        var folder = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            Skip = $"Set {VariableName} to the folder of Synthea R4 transaction bundles to run this test.";
    }
}
