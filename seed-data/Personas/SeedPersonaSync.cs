using Microsoft.Extensions.Logging;
using Sandbox.Auth.Personas;
using Sandbox.FhirStore.Storage;
using Sandbox.SeedData.Registration;

namespace Sandbox.SeedData.Personas;

/// <summary>
/// Brings the seed personas in line with the FHIR store after a reset: a seed persona is in
/// the persona store exactly when the FHIR store contains the resource its <c>fhirUser</c>
/// names. So a reset to empty removes them, and a reset to the generated population adds
/// back any that an earlier reset or <c>DELETE /api/personas</c> removed.
/// </summary>
/// <remarks>
/// A persona that has a seed persona's username but another <c>fhirUser</c> was added through
/// the admin API or configuration, and is left alone. Tokens issued to a removed persona are
/// not revoked, because a reset leaves issued tokens as they were.
/// </remarks>
public sealed class SeedPersonaSync(IPersonaStore personas, ILogger<SeedPersonaSync> logger)
{
    /// <summary>Adds and removes seed personas according to what <paramref name="store"/> contains.</summary>
    public async Task SyncAsync(IResourceReader store, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var removed = new List<string>();
        foreach (var seed in SeedPersonas.All)
        {
            var exists = await FhirUserExistsAsync(store, seed.FhirUser, cancellationToken);
            var current = await personas.FindAsync(seed.Username, cancellationToken);
            if (exists && current is null)
            {
                await personas.AddAsync(SeedPersonaConversion.ToPersona(seed), cancellationToken);
                added.Add(seed.Username);
            }
            else if (!exists && current?.FhirUser == seed.FhirUser)
            {
                await personas.RemoveAsync(seed.Username, cancellationToken);
                removed.Add(seed.Username);
            }
        }

        if (added.Count > 0 || removed.Count > 0)
            Log.SeedPersonasSynced(logger, added.Count, removed.Count, string.Join(", ", removed));
    }

    private static async Task<bool> FhirUserExistsAsync(IResourceReader store, string fhirUser, CancellationToken cancellationToken)
    {
        var slash = fhirUser.IndexOf('/');
        var resource = await store.ReadAsync(fhirUser[..slash], fhirUser[(slash + 1)..], cancellationToken);
        return resource is { IsDeleted: false };
    }
}
