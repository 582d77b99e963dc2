using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Personas;
using Sandbox.FhirStore.Storage;

namespace Sandbox.Auth.Launches;

/// <summary>
/// Checks that the patient, encounter and user of a new launch exist in the FHIR store and fit
/// together, so a typing mistake fails at launch creation instead of as empty results inside
/// the app. A launch with an encounter but no patient gets the encounter's patient, because
/// an app granted <c>patient/</c> scopes needs a patient in context. It also checks the
/// fhirContext items and the style URL.
/// </summary>
public sealed class LaunchReferenceCheck(IServiceProvider services, IPersonaStore personas)
{
    /// <summary>Checks a launch request and returns it completed, or the first reference that does not resolve.</summary>
    public Task<LaunchCheckResult> CheckAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        CheckAsync(request, checkFhirUser: true, cancellationToken);

    /// <summary>
    /// Checks a headless launch request. It checks the same as
    /// <see cref="CheckAsync(LaunchRequest, CancellationToken)"/> except the resource that the
    /// persona's fhirUser names. A client writes the first resources into an empty store, that
    /// user's resource included, with a headless launch as a user alone.
    /// </summary>
    public Task<LaunchCheckResult> CheckHeadlessAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        CheckAsync(request, checkFhirUser: false, cancellationToken);

    /// <summary>
    /// Returns why an encounter may not be the context of a launch for the patient, or null
    /// when it exists and its subject is that patient. Without a FHIR store, nothing is checked.
    /// </summary>
    public async Task<string?> FindEncounterProblemAsync(string patientId, string encounterId, CancellationToken cancellationToken)
    {
        var store = services.GetService<IResourceStore>();
        if (store is null)
            return null;

        var encounter = await ReadAsync(store, "Encounter", encounterId, cancellationToken);
        if (encounter is null)
            return Missing($"Encounter/{encounterId}");

        var owner = LaunchContextRules.EncounterPatientId(encounter.Json);
        return owner == patientId ? null : DescribeOtherPatient(encounterId, owner, patientId);
    }

    /// <summary>
    /// Checks a launch request and returns it completed, or the first problem. The resource that
    /// the persona's fhirUser names must exist only when <paramref name="checkFhirUser"/> is true.
    /// </summary>
    public async Task<LaunchCheckResult> CheckAsync(LaunchRequest request, bool checkFhirUser, CancellationToken cancellationToken)
    {
        if (LaunchContextRules.FindProblem(request) is { } contextProblem)
            return LaunchCheckResult.Rejected(contextProblem);

        Persona? persona = null;
        if (request.User is not null && (persona = await personas.FindAsync(request.User, cancellationToken)) is null)
            return LaunchCheckResult.Rejected($"No persona has username '{request.User}'.");

        // The FHIR store registers the resource store; without it only the persona is checked.
        var store = services.GetService<IResourceStore>();
        if (store is null)
            return new LaunchCheckResult(request, null);

        if (request.Patient is not null && await ReadAsync(store, "Patient", request.Patient, cancellationToken) is null)
            return LaunchCheckResult.Rejected(Missing($"Patient/{request.Patient}"));

        if (request.Encounter is not null)
        {
            var (completed, problem) = await CheckEncounterAsync(store, request, cancellationToken);
            if (problem is not null)
                return LaunchCheckResult.Rejected(problem);

            request = completed!;
        }

        if (persona is not null && checkFhirUser && await ReadReferenceAsync(store, persona.FhirUser, cancellationToken) is null)
            return LaunchCheckResult.Rejected(Missing(persona.FhirUser));

        if (persona is not null && FindPersonaProblem(persona, request.Patient) is { } personaProblem)
            return LaunchCheckResult.Rejected(personaProblem);

        return new LaunchCheckResult(request, null);
    }

    // The patient picker applies the same rule: a persona with a list of patients (a patient
    // persona's own record or a parent's children) may open only those.
    private static string? FindPersonaProblem(Persona persona, string? patientId)
    {
        var openable = persona.OpenablePatientIds;
        if (patientId is null || openable.Count == 0 || openable.Contains(patientId))
            return null;

        var listed = string.Join(", ", openable.Select(id => $"Patient/{id}"));
        return $"Persona '{persona.Username}' may open only {listed}, not Patient/{patientId}. Launch one of those patients or as another user.";
    }

    private static async Task<(LaunchRequest?, string?)> CheckEncounterAsync(
        IResourceStore store,
        LaunchRequest request,
        CancellationToken cancellationToken)
    {
        var encounterId = request.Encounter!;
        var encounter = await ReadAsync(store, "Encounter", encounterId, cancellationToken);
        if (encounter is null)
            return (null, Missing($"Encounter/{encounterId}"));

        var owner = LaunchContextRules.EncounterPatientId(encounter.Json);
        if (request.Patient is { } patient)
            return owner is not null && owner != patient ? (null, DescribeOtherPatient(encounterId, owner, patient)) : (request, null);

        if (owner is null)
        {
            return (null, $"Encounter/{encounterId} has no Patient as its subject, so the launch would have no patient in context. "
                + "Give the patient, or an encounter whose subject is a Patient.");
        }

        if (await ReadAsync(store, "Patient", owner, cancellationToken) is null)
            return (null, $"Encounter/{encounterId} belongs to Patient/{owner}, which does not exist in the FHIR store; create it or pick another encounter.");

        return (request with { Patient = owner }, null);
    }

    private static async Task<StoredResource?> ReadReferenceAsync(IResourceStore store, string reference, CancellationToken cancellationToken)
    {
        var slash = reference.IndexOf('/');
        return await ReadAsync(store, reference[..slash], reference[(slash + 1)..], cancellationToken);
    }

    private static async Task<StoredResource?> ReadAsync(IResourceStore store, string type, string id, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(type, id, cancellationToken);
        return stored is null || stored.IsDeleted ? null : stored;
    }

    private static string Missing(string reference) => $"{reference} does not exist in the FHIR store; create it or pick another.";

    private static string DescribeOtherPatient(string encounterId, string? owner, string patientId) => owner is null
        ? $"Encounter/{encounterId} has no Patient as its subject, so it is no encounter of Patient/{patientId}."
        : $"Encounter/{encounterId} belongs to Patient/{owner}, not to the launch patient Patient/{patientId}.";
}
