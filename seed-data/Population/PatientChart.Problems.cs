using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    private static readonly Concept ProblemListItem = new(
        Terminology.ConditionCategory,
        "problem-list-item",
        "Problem List Item");
    private static readonly Concept EncounterDiagnosis = new(
        Terminology.ConditionCategory,
        "encounter-diagnosis",
        "Encounter Diagnosis");
    private static readonly Concept Confirmed = new(Terminology.ConditionVerification, "confirmed", "Confirmed");
    private static readonly Concept ActiveCondition = new(Terminology.ConditionClinical, "active", "Active");
    private static readonly Concept ResolvedCondition = new(Terminology.ConditionClinical, "resolved", "Resolved");

    /// <summary>Adds a long-standing problem, active unless <paramref name="resolvedDaysAgo"/> is set.</summary>
    public Condition Problem(Concept code, int onsetDaysAgo, Encounter? diagnosedAt = null, int? resolvedDaysAgo = null) =>
        NewCondition(code, ProblemListItem, onsetDaysAgo, diagnosedAt, resolvedDaysAgo);

    /// <summary>Adds a diagnosis made at an encounter, resolved some days later.</summary>
    public Condition Diagnosis(Concept code, Encounter encounter, int daysAgo, int resolvedAfterDays = 10) =>
        NewCondition(code, EncounterDiagnosis, daysAgo, encounter, Math.Max(daysAgo - resolvedAfterDays, 0));

    private Condition NewCondition(Concept code, Concept category, int onsetDaysAgo, Encounter? encounter, int? resolvedDaysAgo)
    {
        var condition = new Condition
        {
            ClinicalStatus = (resolvedDaysAgo is null ? ActiveCondition : ResolvedCondition).ToCodeableConcept(),
            VerificationStatus = Confirmed.ToCodeableConcept(),
            Category = [category.ToCodeableConcept()],
            Code = code.ToCodeableConcept(),
            Subject = Subject,
            Onset = Calendar.DateTime(onsetDaysAgo),
            RecordedDate = Calendar.DateTime(encounter is null ? onsetDaysAgo : DaysAgoOf(encounter)).Value,
            Recorder = Staff.Reference(encounter is null ? Profile.GeneralPractitionerId : PractitionerOf(encounter)),
        };
        if (encounter is not null)
            condition.Encounter = References.To(encounter);

        if (resolvedDaysAgo is { } resolved)
            condition.Abatement = Calendar.DateTime(resolved);

        return Add("cond", condition);
    }

    /// <summary>Adds a confirmed allergy with one reaction.</summary>
    public AllergyIntolerance Allergy(
        Concept substance,
        AllergyIntolerance.AllergyIntoleranceCategory category,
        AllergyIntolerance.AllergyIntoleranceCriticality criticality,
        Concept manifestation,
        AllergyIntolerance.AllergyIntoleranceSeverity severity,
        int onsetDaysAgo)
    {
        var allergy = new AllergyIntolerance
        {
            ClinicalStatus = new Concept(Terminology.AllergyClinical, "active", "Active").ToCodeableConcept(),
            VerificationStatus = new Concept(Terminology.AllergyVerification, "confirmed", "Confirmed").ToCodeableConcept(),
            Type = AllergyIntolerance.AllergyIntoleranceType.Allergy,
            Category = [category],
            Criticality = criticality,
            Code = substance.ToCodeableConcept(),
            Patient = Subject,
            Onset = Calendar.DateTime(onsetDaysAgo),
            RecordedDate = Calendar.DateTime(onsetDaysAgo).Value,
            Recorder = Staff.Reference(Profile.GeneralPractitionerId),
            Reaction =
            [
                new AllergyIntolerance.ReactionComponent
                {
                    Manifestation = [manifestation.ToCodeableConcept()],
                    Severity = severity,
                    Onset = Calendar.DateTime(onsetDaysAgo).Value,
                },
            ],
        };
        return Add("alg", allergy);
    }

    /// <summary>Adds a completed procedure performed at an encounter.</summary>
    public Procedure Procedure(Concept code, Encounter encounter, Condition? reason = null, string? performerId = null)
    {
        var procedure = new Procedure
        {
            Status = EventStatus.Completed,
            Code = code.ToCodeableConcept(),
            Subject = Subject,
            Encounter = References.To(encounter),
            Performed = CopyPeriod(encounter),
            Performer = [new Procedure.PerformerComponent { Actor = Staff.Reference(performerId ?? PractitionerOf(encounter)) }],
            Location = encounter.Location.FirstOrDefault()?.Location,
        };
        if (reason is not null)
            procedure.ReasonReference = [References.To(reason)];

        return Add("proc", procedure);
    }

    /// <summary>Adds a completed vaccination, given by the clinic nurse.</summary>
    public Immunization Immunize(Concept vaccine, int daysAgo, Encounter? encounter = null)
    {
        var immunization = new Immunization
        {
            Status = Immunization.ImmunizationStatusCodes.Completed,
            VaccineCode = vaccine.ToCodeableConcept(),
            Patient = Subject,
            Occurrence = Calendar.DateTime(daysAgo, 10, 15),
            PrimarySource = true,
            LotNumber = $"LOT{(Math.Abs(daysAgo) * 37 % 90000) + 10000}",
            Performer = [new Immunization.PerformerComponent { Actor = Staff.Reference(Staff.NurseId) }],
        };
        if (encounter is not null)
            immunization.Encounter = References.To(encounter);

        return Add("imm", immunization);
    }

}
