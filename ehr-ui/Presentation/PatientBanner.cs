namespace Sandbox.EhrUi.Presentation;

/// <summary>The facts a patient banner shows on every chart page.</summary>
/// <param name="PatientId">The Patient resource id.</param>
/// <param name="Name">The display name, "Family, Given".</param>
/// <param name="BirthDate">The birth date as text, or <see cref="FhirDisplay.Missing"/>.</param>
/// <param name="Age">The age as "34 y", at death for a deceased patient, or null when unknown.</param>
/// <param name="Sex">The administrative gender as text.</param>
/// <param name="Mrn">The medical record number, or null when the record has none.</param>
/// <param name="IsDeceased">True when the record says the patient died.</param>
/// <param name="DeceasedDate">The date of death as text, or null when not recorded.</param>
/// <param name="Allergies">The substances of the active allergies and intolerances.</param>
/// <param name="Encounter">The encounter chosen in the chart, or null.</param>
public sealed record PatientBanner(
    string PatientId,
    string Name,
    string BirthDate,
    string? Age,
    string Sex,
    string? Mrn,
    bool IsDeceased,
    string? DeceasedDate,
    IReadOnlyList<string> Allergies,
    EncounterRow? Encounter)
{
    /// <summary>True when at least one active allergy or intolerance is recorded.</summary>
    public bool HasAllergies => Allergies.Count > 0;
}
