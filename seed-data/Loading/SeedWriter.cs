using Sandbox.FhirStore.Storage;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.SeedData.Loading;

/// <summary>The one write loop of a seed, shared by direct loads and snapshot creation.</summary>
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
