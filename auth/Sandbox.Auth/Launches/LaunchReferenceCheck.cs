using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Personas;
using Sandbox.FhirStore.Storage;

namespace Sandbox.Auth.Launches;

/// <summary>
/// Checks that the patient, encounter and user of a new launch exist in the FHIR store and fit
/// together, so a typing mistake fails at launch creation instead of as empty results inside
/// the app. It also checks the fhirContext items and the style URL.
/// </summary>
public sealed class LaunchReferenceCheck(IServiceProvider services, IPersonaStore personas)
{
    /// <summary>Returns the first reference that does not resolve, described for the caller, or null.</summary>
    public Task<string?> FindProblemAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        FindProblemAsync(request, checkFhirUser: true, cancellationToken);

    /// <summary>
    /// Returns the first reference of a headless launch that does not resolve, or null. It checks
    /// the same as <see cref="FindProblemAsync(LaunchRequest, CancellationToken)"/> except the
    /// resource that the persona's fhirUser names. A client writes the first resources into an
    /// empty store, that user's resource included, with a headless launch as a user alone.
    /// </summary>
    public Task<string?> FindHeadlessProblemAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        FindProblemAsync(request, checkFhirUser: false, cancellationToken);

    private async Task<string?> FindProblemAsync(LaunchRequest request, bool checkFhirUser, CancellationToken cancellationToken)
    {
        if (LaunchContextRules.FindProblem(request) is { } contextProblem)
            return contextProblem;

        Persona? persona = null;
        if (request.User is not null && (persona = await personas.FindAsync(request.User, cancellationToken)) is null)
            return $"No persona has username '{request.User}'.";

        // The FHIR store registers the resource store; without it only the persona is checked.
        var store = services.GetService<IResourceStore>();
        if (store is null)
            return null;

        var references = new List<string>();
        if (request.Patient is not null)
            references.Add($"Patient/{request.Patient}");

        if (request.Encounter is not null)
            references.Add($"Encounter/{request.Encounter}");

        if (persona is not null && checkFhirUser)
            references.Add(persona.FhirUser);

        foreach (var reference in references)
        {
            var slash = reference.IndexOf('/');
            var stored = await store.ReadAsync(reference[..slash], reference[(slash + 1)..], cancellationToken);
            if (stored is null || stored.IsDeleted)
                return $"{reference} does not exist in the FHIR store; create it or pick another.";

            if (stored.ResourceType == "Encounter" && request.Patient is { } patient
                && LaunchContextRules.EncounterPatientId(stored.Json) is { } owner && owner != patient)
            {
                return $"Encounter/{request.Encounter} belongs to Patient/{owner}, not to the launch patient Patient/{patient}.";
            }
        }

        return null;
    }
}
