using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the allergies table, newest first.</summary>
    public static IReadOnlyList<AllergyRow> Allergies(IEnumerable<AllergyIntolerance> allergies) =>
        NewestFirst(allergies, a => a.RecordedDate).Select(Allergy).ToList();

    private static AllergyRow Allergy(AllergyIntolerance allergy)
    {
        var reactions = allergy.Reaction
            .SelectMany(reaction => reaction.Manifestation)
            .Select(FhirDisplay.Concept);

        return new AllergyRow(
            Id: allergy.Id ?? string.Empty,
            Substance: FhirDisplay.Concept(allergy.Code),
            ClinicalStatus: FhirDisplay.Status(allergy.ClinicalStatus),
            VerificationStatus: FhirDisplay.Status(allergy.VerificationStatus),
            Criticality: FhirDisplay.Code(allergy.Criticality),
            Category: JoinOrMissing(allergy.Category.Select(category => FhirDisplay.Code(category))),
            Reactions: JoinOrMissing(reactions),
            Recorded: FhirDates.FormatDate(allergy.RecordedDate));
    }
}
