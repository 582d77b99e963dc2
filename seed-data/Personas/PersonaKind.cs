namespace Sandbox.SeedData.Personas;

/// <summary>Whether a persona signs in as a clinician (EHR and provider launches) or as a patient (patient and portal launches).</summary>
public enum PersonaKind
{
    Practitioner,
    Patient,
}
