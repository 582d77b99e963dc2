using Sandbox.SeedData.Population;

namespace Sandbox.SeedData.Personas;

/// <summary>The personas of the default seed, each linked to a resource of the seed population.</summary>
public static class SeedPersonas
{
    public static readonly SeedPersona Physician = new(
        "dr.mitchell", "physician-sandbox", "Dr. Sarah Mitchell", PersonaKind.Practitioner,
        $"Practitioner/{Staff.InternistId}", [],
        "Internist at Riverside Community Hospital; the default clinician for EHR launches.");

    public static readonly SeedPersona Nurse = new(
        "nurse.lopez", "nurse-sandbox", "María López, RN", PersonaKind.Practitioner,
        $"Practitioner/{Staff.NurseId}", [],
        "Registered nurse who records vital signs and vaccinations.");

    public static readonly SeedPersona Pharmacist = new(
        "pharm.cohen", "pharmacist-sandbox", "David Cohen, PharmD", PersonaKind.Practitioner,
        $"Practitioner/{Staff.PharmacistId}", [],
        "Hospital pharmacist, for medication review and interaction apps.");

    public static readonly SeedPersona Resident = new(
        "dr.raman", "resident-sandbox", "Dr. Priya Raman", PersonaKind.Practitioner,
        $"Practitioner/{Staff.ResidentId}", [],
        "Resident physician, for testing apps with a second clinician.");

    public static readonly SeedPersona AvaPatient = new(
        "ava", "ava-sandbox", "Ava Thompson", PersonaKind.Patient,
        $"Patient/{SeedPatients.AvaThompson}", [SeedPatients.AvaThompson],
        "Adult patient with asthma and a penicillin allergy, for standalone patient launches.");

    public static readonly SeedPersona MarcusPatient = new(
        "marcus", "marcus-sandbox", "Marcus Johnson", PersonaKind.Patient,
        $"Patient/{SeedPatients.MarcusJohnson}", [SeedPatients.MarcusJohnson],
        "Type 2 diabetic with a rising HbA1c, for patient-facing chronic care apps.");

    public static readonly SeedPersona ParentPatient = new(
        "lucia", "lucia-sandbox", "Lucía García", PersonaKind.Patient,
        $"Patient/{SeedPatients.LuciaGarcia}", [SeedPatients.LuciaGarcia, SeedPatients.MateoGarcia],
        "Mother of Mateo (3); opens her own record or her son's, so the patient picker appears.");

    /// <summary>Every persona, practitioners first.</summary>
    public static IReadOnlyList<SeedPersona> All { get; } =
        [Physician, Nurse, Pharmacist, Resident, AvaPatient, MarcusPatient, ParentPatient];
}
