using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Import;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Loads a seed folder through the FHIR store's importer, as the <c>import</c> command does:
/// every .json and .ndjson file under the folder, in name order, keeping the ids the data
/// carries and resolving <c>urn:uuid</c> and conditional references.
/// </summary>
internal static class FolderSeedImporter
{
    /// <summary>Imports every file and returns the resources stored and the resources that failed.</summary>
    /// <remarks>Each file commits on its own, as the importer commits it.</remarks>
    public static async Task<(int Resources, int Errors)> ImportAsync(
        ResourceImporter importer,
        string folder,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var resources = 0;
        var errors = 0;
        foreach (var file in ResourceImporter.FindFiles([folder]))
        {
            var result = await importer.ImportFileAsync(file, null, cancellationToken);
            resources += result.Resources;
            errors += result.Errors;
            if (result.Errors > 0)
                Log.SeedFileErrors(logger, result.Name, result.Errors, result.Messages.FirstOrDefault() ?? "unknown");
        }

        return (resources, errors);
    }
}
