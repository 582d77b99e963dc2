using Sandbox.FhirStore.Storage;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// The write loop of a direct seed load, resource by resource. A snapshot's creation writes the
/// same rows with <c>SqliteStoreSnapshot.CreateAsync</c>'s bulk write instead.
/// </summary>
internal static class SeedWriter
{
    /// <summary>Saves every resource in order in the unit of work and returns how many.</summary>
    public static async Task<int> WriteAllAsync(
        IStoreTransaction transaction,
        IReadOnlyList<Resource> resources,
        CancellationToken cancellationToken)
    {
        foreach (var resource in resources)
            await transaction.SaveAsync(resource, cancellationToken);

        return resources.Count;
    }
}
