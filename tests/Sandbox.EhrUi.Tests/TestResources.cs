using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Tests;

/// <summary>Builds the small FHIR resources the tests read.</summary>
internal static class TestResources
{
    public const string Loinc = "http://loinc.org";

    public static Patient Patient(string id, string birthDate) => new()
    {
        Id = id,
        BirthDate = birthDate,
        Gender = AdministrativeGender.Male,
        Name =
        [
            new HumanName { Use = HumanName.NameUse.Old, Family = "Former", Given = ["Old"] },
            new HumanName { Use = HumanName.NameUse.Official, Family = "Koepp", Given = ["Abdul", "James"] },
        ],
    };

    public static AllergyIntolerance Allergy(
        string id,
        string substance,
        string? clinicalStatus,
        string verificationStatus = "confirmed")
    {
        return new AllergyIntolerance
        {
            Id = id,
            Code = new CodeableConcept { Text = substance },
            ClinicalStatus = clinicalStatus is null
                ? null
                : new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", clinicalStatus),
            VerificationStatus = new CodeableConcept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                verificationStatus),
            Patient = new ResourceReference("Patient/p1"),
        };
    }

    public static Encounter Encounter(string id, string patientId, string start, string type) => new()
    {
        Id = id,
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
        Type = [new CodeableConcept { Text = type }],
        Subject = new ResourceReference($"Patient/{patientId}"),
        Period = new Period { Start = start },
    };

    public static Observation Vital(string id, string code, string display, string time, decimal value, string unit) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept(Loinc, code, display, display),
        Effective = new FhirDateTime(time),
        Value = new Quantity(value, unit, "http://unitsofmeasure.org") { Unit = unit },
    };

    public static Observation BloodPressure(string id, string time, decimal systolic, decimal diastolic) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept(Loinc, "85354-9", "Blood pressure panel", "Blood pressure panel"),
        Effective = new FhirDateTime(time),
        Component =
        [
            Component("8480-6", "Systolic blood pressure", systolic),
            Component("8462-4", "Diastolic blood pressure", diastolic),
        ],
    };

    private static Observation.ComponentComponent Component(string code, string display, decimal value) => new()
    {
        Code = new CodeableConcept(Loinc, code, display, display),
        Value = new Quantity(value, "mm[Hg]", "http://unitsofmeasure.org") { Unit = "mmHg" },
    };
}
