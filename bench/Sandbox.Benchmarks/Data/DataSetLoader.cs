namespace Sandbox.Benchmarks.Data;

/// <summary>
/// Loads the data set: the Synthea Bundles in the folder that <c>SANDBOX_SYNTHEA_DIR</c> names,
/// or generated Bundles of the same shape when the variable is unset.
/// </summary>
internal static class DataSetLoader
{
    public const string SyntheaFolderVariable = "SANDBOX_SYNTHEA_DIR";

    /// <exception cref="DirectoryNotFoundException">The variable names a folder that does not exist.</exception>
    public static async Task<DataSet> LoadAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var folder = Environment.GetEnvironmentVariable(SyntheaFolderVariable);
        if (string.IsNullOrEmpty(folder))
            return Generate(settings.GeneratedBundles);

        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{SyntheaFolderVariable} is set to '{folder}', which is not a folder.");

        return await ReadSyntheaAsync(Path.GetFullPath(folder), settings.MaxBundles, cancellationToken);
    }

    private static DataSet Generate(int bundleCount)
    {
        var bundles = Enumerable.Range(1, bundleCount)
            .Select(number => TransactionRewriter.Rewrite($"generated-{number}.json", SyntheticBundles.Create(number)))
            .ToList();
        var description =
            $"generated Bundles ({SyntheaFolderVariable} is unset): {bundleCount} files of {SyntheticBundles.ResourcesPerBundle} resources";
        return new DataSet(description, bundles);
    }

    private static async Task<DataSet> ReadSyntheaAsync(string folder, int? maxBundles, CancellationToken cancellationToken)
    {
        var allFiles = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var files = allFiles.Take(maxBundles ?? allFiles.Count).ToList();
        var bundles = new List<BundleFile>(files.Count);
        foreach (var file in files)
        {
            var json = await File.ReadAllBytesAsync(file, cancellationToken);
            bundles.Add(TransactionRewriter.Rewrite(Path.GetFileName(file), json));
        }

        var description = $"Synthea Bundles from {folder}: {files.Count} of {allFiles.Count} files";
        return new DataSet(description, bundles);
    }
}
