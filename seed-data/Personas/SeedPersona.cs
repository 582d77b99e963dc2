namespace Sandbox.SeedData.Personas;

/// <summary>
/// A sandbox user that testers sign in as. The password is a documented sandbox
/// credential, not a secret: it protects nothing but fake data.
/// </summary>
/// <param name="Username">The sign-in name.</param>
/// <param name="Password">The documented sandbox password.</param>
/// <param name="DisplayName">The name the EHR shows.</param>
/// <param name="Kind">Clinician or patient.</param>
/// <param name="FhirUser">The relative reference of the persona's FHIR resource, the value of the <c>fhirUser</c> claim.</param>
/// <param name="PatientIds">
/// For patient personas, the ids of the patients the persona may open: its own record and
/// any child it acts for. Empty for practitioners, who may open every patient.
/// </param>
/// <param name="Description">What a tester uses the persona for.</param>
public sealed record SeedPersona(
    string Username,
    string Password,
    string DisplayName,
    PersonaKind Kind,
    string FhirUser,
    IReadOnlyList<string> PatientIds,
    string Description);
