using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

/// <summary>Builds the <see cref="PatientBanner"/> from FHIR resources, with ages against the given clock.</summary>
public sealed class PatientBannerBuilder(TimeProvider timeProvider)
{
    /// <summary>The HL7 v2 identifier type code of a medical record number (table 0203).</summary>
    public const string MedicalRecordNumberType = "MR";

    /// <summary>Builds the banner of <paramref name="patient"/>.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="allergies">The patient's AllergyIntolerance resources. Inactive ones are left out.</param>
    /// <param name="encounter">The chosen encounter, or null.</param>
    public PatientBanner Build(
        Patient patient,
        IEnumerable<AllergyIntolerance> allergies,
        Encounter? encounter)
    {
        var deathDate = patient.Deceased is FhirDateTime died ? FhirDates.ParseDate(died.Value) : null;
        var isDeceased = patient.Deceased is FhirBoolean { Value: true } || patient.Deceased is FhirDateTime;
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var birthDate = FhirDates.ParseDate(patient.BirthDate);

        return new PatientBanner(
            PatientId: patient.Id ?? string.Empty,
            Name: FhirDisplay.PersonName(patient.Name),
            BirthDate: FhirDates.FormatDate(patient.BirthDate),
            Age: birthDate is null ? null : PatientAge.Describe(birthDate.Value, deathDate ?? today),
            Sex: FhirDisplay.Code(patient.Gender),
            Mrn: FindMedicalRecordNumber(patient),
            IsDeceased: isDeceased,
            DeceasedDate: patient.Deceased is FhirDateTime deceased ? FhirDates.FormatDate(deceased.Value) : null,
            Allergies: ActiveAllergySubstances(allergies),
            Encounter: encounter is null ? null : ChartRows.Encounter(encounter));
    }

    /// <summary>Returns the value of the first identifier whose type has the code <c>MR</c>.</summary>
    public static string? FindMedicalRecordNumber(Patient patient)
    {
        var identifier = patient.Identifier.FirstOrDefault(
            id => id.Type?.Coding.Any(c => c.Code == MedicalRecordNumberType) == true);
        return identifier?.Value;
    }

    /// <summary>
    /// Returns the substances of the allergies that are neither inactive, resolved, refuted
    /// nor entered in error, without duplicates, in record order.
    /// </summary>
    public static IReadOnlyList<string> ActiveAllergySubstances(IEnumerable<AllergyIntolerance> allergies)
    {
        return allergies
            .Where(IsActive)
            .Select(allergy => FhirDisplay.Concept(allergy.Code))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static bool IsActive(AllergyIntolerance allergy)
    {
        var clinical = allergy.ClinicalStatus?.Coding.FirstOrDefault()?.Code;
        var verification = allergy.VerificationStatus?.Coding.FirstOrDefault()?.Code;
        return clinical is not ("inactive" or "resolved")
            && verification is not ("refuted" or "entered-in-error");
    }
}
