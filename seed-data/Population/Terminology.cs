namespace Sandbox.SeedData.Population;

/// <summary>Code system and identifier system URIs used by the seed population.</summary>
internal static class Terminology
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Bcp47 = "urn:ietf:bcp:47";
    public const string Npi = "http://hl7.org/fhir/sid/us-npi";

    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string RoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string ObservationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string Degree = "http://terminology.hl7.org/CodeSystem/v2-0360";
    public const string DiagnosticService = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public const string ContactRelationship = "http://terminology.hl7.org/CodeSystem/v2-0131";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string AllergyClinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    public const string AllergyVerification = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    public const string OrganizationType = "http://terminology.hl7.org/CodeSystem/organization-type";
    public const string PractitionerRole = "http://terminology.hl7.org/CodeSystem/practitioner-role";
    public const string LocationPhysicalType = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    public const string DischargeDisposition = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
    public const string GoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    public const string DrugForm = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm";

    /// <summary>
    /// The identifier system of the sandbox's medical record numbers. It sits under the
    /// reserved example.org domain because the sandbox's hospital is fictional.
    /// </summary>
    public const string MrnSystem = "https://riverside-hospital.example.org/fhir/sid/mrn";
}
