using Sandbox.Smart;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Decides which launch context parameters a grant returns, from its scopes, as SMART App Launch
/// 2.2 defines the context scopes: <c>launch</c> requests the context of an EHR launch,
/// <c>launch/patient</c> the patient and <c>launch/encounter</c> the encounter. The token
/// response and introspection both follow it, so they return the same parameters.
/// </summary>
internal static class RequestedContext
{
    /// <summary>Whether the scopes ask for the launch context parameter <paramref name="parameter"/>.</summary>
    public static bool Includes(IReadOnlyCollection<string> scopes, string parameter) => parameter switch
    {
        // The banner flag describes the patient in context, so it goes with the patient.
        SmartParameters.Patient or SmartParameters.NeedPatientBanner =>
            scopes.Contains(SmartScopes.Launch) || scopes.Contains(SmartScopes.LaunchPatient),
        SmartParameters.Encounter =>
            scopes.Contains(SmartScopes.Launch) || scopes.Contains(SmartScopes.LaunchEncounter),
        _ => scopes.Contains(SmartScopes.Launch),
    };

    /// <summary>
    /// Whether the grant returns <c>patient</c>: when the scopes ask for it, and also when
    /// <c>patient/</c> scopes confine the token to a patient that is known to the app, because
    /// the app could not otherwise know whose records it reaches. A patient is known when it was
    /// chosen during authorization, or when the response to the authorization code named it and
    /// a refresh narrowed the scopes (SMART App Launch 2.2 lets a refresh response carry the
    /// launch context). Otherwise a patient named by an EHR launch is returned only when the
    /// scopes ask for it.
    /// </summary>
    public static bool IncludesPatient(IReadOnlyCollection<string> scopes, bool patientKnown) =>
        Includes(scopes, SmartParameters.Patient) || (patientKnown && scopes.Any(IsPatientResourceScope));

    private static bool IsPatientResourceScope(string scope) =>
        ResourceScope.TryParse(scope, out var parsed) && parsed.Context == ScopeContext.Patient;
}
