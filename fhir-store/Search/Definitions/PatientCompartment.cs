using System.Collections.Frozen;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// The FHIR R4 Patient compartment (CompartmentDefinition <c>patient</c>, FHIR 4.0.1): for
/// each resource type, the reference search parameters that put a resource in the compartment
/// of the Patient they point to. A Patient is also in its own compartment.
/// </summary>
internal static class PatientCompartment
{
    private static readonly FrozenDictionary<string, string[]> ParametersByType = new Dictionary<string, string[]>
    {
        ["Account"] = ["subject"],
        ["AdverseEvent"] = ["subject"],
        ["AllergyIntolerance"] = ["patient", "recorder", "asserter"],
        ["Appointment"] = ["actor"],
        ["AppointmentResponse"] = ["actor"],
        ["AuditEvent"] = ["patient"],
        ["Basic"] = ["patient", "author"],
        ["BodyStructure"] = ["patient"],
        ["CarePlan"] = ["patient", "performer"],
        ["CareTeam"] = ["patient", "participant"],
        ["ChargeItem"] = ["subject"],
        ["Claim"] = ["patient", "payee"],
        ["ClaimResponse"] = ["patient"],
        ["ClinicalImpression"] = ["subject"],
        ["Communication"] = ["subject", "sender", "recipient"],
        ["CommunicationRequest"] = ["subject", "sender", "recipient", "requester"],
        ["Composition"] = ["subject", "author", "attester"],
        ["Condition"] = ["patient", "asserter"],
        ["Consent"] = ["patient"],
        ["Coverage"] = ["policy-holder", "subscriber", "beneficiary", "payor"],
        ["CoverageEligibilityRequest"] = ["patient"],
        ["CoverageEligibilityResponse"] = ["patient"],
        ["DetectedIssue"] = ["patient"],
        ["DeviceRequest"] = ["subject", "performer"],
        ["DeviceUseStatement"] = ["subject"],
        ["DiagnosticReport"] = ["subject"],
        ["DocumentManifest"] = ["subject", "author", "recipient"],
        ["DocumentReference"] = ["subject", "author"],
        ["Encounter"] = ["patient"],
        ["EnrollmentRequest"] = ["subject"],
        ["EpisodeOfCare"] = ["patient"],
        ["ExplanationOfBenefit"] = ["patient", "payee"],
        ["FamilyMemberHistory"] = ["patient"],
        ["Flag"] = ["patient"],
        ["Goal"] = ["patient"],
        ["Group"] = ["member"],
        ["ImagingStudy"] = ["patient"],
        ["Immunization"] = ["patient"],
        ["ImmunizationEvaluation"] = ["patient"],
        ["ImmunizationRecommendation"] = ["patient"],
        ["Invoice"] = ["subject", "patient", "recipient"],
        ["List"] = ["subject", "source"],
        ["MeasureReport"] = ["patient"],
        ["Media"] = ["subject"],
        ["MedicationAdministration"] = ["patient", "performer", "subject"],
        ["MedicationDispense"] = ["subject", "patient", "receiver"],
        ["MedicationRequest"] = ["subject"],
        ["MedicationStatement"] = ["subject"],
        ["MolecularSequence"] = ["patient"],
        ["NutritionOrder"] = ["patient"],
        ["Observation"] = ["subject", "performer"],
        ["Patient"] = ["link"],
        ["Person"] = ["patient"],
        ["Procedure"] = ["patient", "performer"],
        ["Provenance"] = ["patient"],
        ["QuestionnaireResponse"] = ["subject", "author"],
        ["RelatedPerson"] = ["patient"],
        ["RequestGroup"] = ["subject", "participant"],
        ["ResearchSubject"] = ["individual"],
        ["RiskAssessment"] = ["subject"],
        ["Schedule"] = ["actor"],
        ["ServiceRequest"] = ["subject", "performer"],
        ["Specimen"] = ["subject"],
        ["SupplyDelivery"] = ["patient"],
        ["SupplyRequest"] = ["subject"],
        ["VisionPrescription"] = ["patient"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Returns the compartment parameters of a type, or an empty list for a type outside the compartment.</summary>
    public static IReadOnlyList<string> GetParameters(string resourceType) =>
        ParametersByType.TryGetValue(resourceType, out var parameters) ? parameters : [];

    /// <summary>Whether resources of the type can belong to a Patient compartment.</summary>
    public static bool Contains(string resourceType) =>
        resourceType == "Patient" || ParametersByType.ContainsKey(resourceType);
}
