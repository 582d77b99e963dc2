namespace Sandbox.Auth.Personas;

/// <summary>A user of the sandbox that one can sign in as: a practitioner or a patient.</summary>
public sealed record Persona
{
    /// <summary>The sign-in name, unique among personas.</summary>
    public required string Username { get; init; }

    /// <summary>The name shown on the sign-in page and in the <c>name</c> claim.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The role. Default Practitioner.</summary>
    public PersonaRole Role { get; init; } = PersonaRole.Practitioner;

    /// <summary>A relative FHIR reference such as <c>Practitioner/pr-1</c> or <c>Patient/p-1</c>.</summary>
    public required string FhirUser { get; init; }

    /// <summary>An optional password; when null, signing in needs none.</summary>
    public string? Password { get; init; }

    /// <summary>For a patient persona, the ids of the patients it may open (itself, its children).</summary>
    public IReadOnlyList<string> PatientIds { get; init; } = [];

    /// <summary>The patients the persona may open: <c>patientIds</c>, or its own record when that is empty.</summary>
    public IReadOnlyList<string> OpenablePatientIds =>
        PatientIds.Count > 0 || Role != PersonaRole.Patient ? PatientIds : [FhirUser["Patient/".Length..]];

    /// <summary>
    /// The patients whose records <c>user/</c> scopes may reach, or null for a user whose
    /// <c>fhirUser</c> is neither a Patient nor a RelatedPerson (a practitioner reaches all).
    /// </summary>
    public IReadOnlyList<string>? UserCompartmentPatientIds =>
        FhirUser.StartsWith("Patient/", StringComparison.Ordinal)
            ? (PatientIds.Count > 0 ? PatientIds : [FhirUser["Patient/".Length..]])
            : FhirUser.StartsWith("RelatedPerson/", StringComparison.Ordinal) ? PatientIds : null;
}
