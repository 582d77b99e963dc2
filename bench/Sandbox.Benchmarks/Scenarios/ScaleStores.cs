namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// The bare probe's search file and the sandbox's data folder of the search-scale scenario,
/// grown copy by copy. They live in the work folder of one run, so later rounds of the same
/// run measure the sizes that an earlier round imported without importing them again.
/// </summary>
/// <param name="Context">The run whose work folder contains both stores.</param>
/// <param name="ProbeDatabase">The probe's search file.</param>
/// <param name="DataFolder">The sandbox's data folder.</param>
internal sealed record ScaleStores(BenchmarkContext Context, string ProbeDatabase, string DataFolder)
{
    /// <summary>The patients of each copy stored so far, copy 0 first.</summary>
    public List<IReadOnlyList<string>> PatientsByCopy { get; } = [];

    /// <summary>The number of copies of the data set in both stores.</summary>
    public int Copies => PatientsByCopy.Count;
}
