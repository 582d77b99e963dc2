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
    /// <summary>
    /// Returns why the launch context is inconsistent (fhirContext, style URL, an encounter of
    /// another patient), or null. Unlike <see cref="FindProblemAsync"/> it accepts references
    /// that do not resolve, as headless launches that bootstrap the store need.
    /// </summary>
    public async Task<string?> FindInconsistencyAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        if (LaunchContextRules.FindProblem(request) is { } contextProblem)
            return contextProblem;

        var store = services.GetService<IResourceStore>();
        if (store is null || request.Encounter is null || request.Patient is null)
            return null;

        var encounter = await store.ReadAsync("Encounter", request.Encounter, cancellationToken);
        var owner = encounter is null || encounter.IsDeleted ? null : LaunchContextRules.EncounterPatientId(encounter.Json);
        return owner is not null && owner != request.Patient
            ? $"Encounter/{request.Encounter} belongs to Patient/{owner}, not to the launch patient Patient/{request.Patient}."
            : null;
    }

    /// <summary>Returns the first reference that does not resolve, described for the caller, or null.</summary>
    public async Task<string?> FindProblemAsync(LaunchRequest request, CancellationToken cancellationToken)
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

        if (persona is not null)
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
