using System.Collections.Frozen;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// The date search parameters that contain the "care date" of each Patient compartment type, which
/// the <c>start</c> and <c>end</c> parameters of <c>Patient/[id]/$everything</c> compare (FHIR R4
/// OperationDefinition Patient-everything). The specification leaves the choice of date to the
/// server, so this table records it. A type without an entry has no care date, so start and
/// end never remove its resources.
/// </summary>
/// <remarks>
/// Each entry lists parameters in order of preference. The first parameter for which the
/// resource has a value is its care date, so a Condition without an onset is dated by the date
/// it was recorded. A resource with no value for any of them is returned: the operation does
/// not say how to treat undated resources, and a date range should not hide a record that
/// cannot be dated. Every parameter is a FHIR R4 date parameter of its type, which a test
/// checks against the search parameter catalog.
/// </remarks>
internal static class CareDateParameters
{
    private static readonly FrozenDictionary<string, string[]> ParametersByType = new Dictionary<string, string[]>
    {
        // Events: the date or period when the care happened.
        ["AdverseEvent"] = ["date"],
        ["Appointment"] = ["date"],
        ["ChargeItem"] = ["occurrence"],
        ["ClinicalImpression"] = ["date"],
        ["Communication"] = ["sent", "received"],
        ["DiagnosticReport"] = ["date"],
        ["Encounter"] = ["date"],
        ["EpisodeOfCare"] = ["date"],
        ["FamilyMemberHistory"] = ["date"],
        ["ImagingStudy"] = ["started"],
        ["Immunization"] = ["date"],
        ["ImmunizationEvaluation"] = ["date"],
        ["MedicationAdministration"] = ["effective-time"],
        ["MedicationDispense"] = ["whenhandedover", "whenprepared"],
        ["MedicationStatement"] = ["effective"],
        ["Observation"] = ["date"],
        ["Procedure"] = ["date"],
        ["RiskAssessment"] = ["date"],
        ["Specimen"] = ["collected"],

        // A Condition is dated by its onset, else by the date it was recorded. R4 indexes an
        // AllergyIntolerance's own onset in no parameter (onset is the reaction's), so it is
        // dated by the date it was recorded.
        ["Condition"] = ["onset-date", "recorded-date"],
        ["AllergyIntolerance"] = ["date"],

        // Requests and plans: the date the request was made or the period the plan covers.
        ["CarePlan"] = ["date"],
        ["CareTeam"] = ["date"],
        ["CommunicationRequest"] = ["authored"],
        ["DeviceRequest"] = ["authored-on"],
        ["ImmunizationRecommendation"] = ["date"],
        ["MedicationRequest"] = ["authoredon"],
        ["NutritionOrder"] = ["datetime"],
        ["RequestGroup"] = ["authored"],
        ["ServiceRequest"] = ["authored"],
        ["SupplyRequest"] = ["date"],
        ["VisionPrescription"] = ["datewritten"],

        // Documents and records: the date the content describes or was written.
        ["Composition"] = ["date"],
        ["Consent"] = ["date"],
        ["DocumentManifest"] = ["created"],
        ["DocumentReference"] = ["date"],
        ["Flag"] = ["date"],
        ["List"] = ["date"],
        ["Media"] = ["created"],
        ["MeasureReport"] = ["date"],
        ["QuestionnaireResponse"] = ["authored"],
        ["Basic"] = ["created"],

        // Financial records: the date the claim or response was created or the service period.
        ["Account"] = ["period"],
        ["Claim"] = ["created"],
        ["ClaimResponse"] = ["created"],
        ["CoverageEligibilityRequest"] = ["created"],
        ["CoverageEligibilityResponse"] = ["created"],
        ["ExplanationOfBenefit"] = ["created"],
        ["Invoice"] = ["date"],

        // Records about the record: when the activity or finding took place.
        ["AuditEvent"] = ["date"],
        ["DetectedIssue"] = ["identified"],
        ["Provenance"] = ["when", "recorded"],
        ["ResearchSubject"] = ["date"],
        ["Schedule"] = ["date"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Left out on purpose, so that start and end always return them:
    // - Patient, RelatedPerson, Person, Group: demographics, which have no care date.
    // - Goal: its start and target dates describe a plan that matters to every period of care.
    // - Coverage, EnrollmentRequest: R4 defines no date search parameter for them.
    // - AppointmentResponse, BodyStructure, DeviceUseStatement, MolecularSequence,
    //   SupplyDelivery: R4 defines no date search parameter for them either.

    /// <summary>The types that have a care date.</summary>
    public static IEnumerable<string> DatedTypes => ParametersByType.Keys;

    /// <summary>Returns the care date parameters of a type in order of preference, or an empty list for a type without a care date.</summary>
    public static IReadOnlyList<string> GetParameters(string resourceType) =>
        ParametersByType.TryGetValue(resourceType, out var parameters) ? parameters : [];
}
