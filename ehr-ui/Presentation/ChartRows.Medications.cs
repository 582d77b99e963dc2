using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the medications table: active orders first, each group newest first.</summary>
    /// <param name="requests">The MedicationRequest resources.</param>
    /// <param name="medications">
    /// Medication resources that the requests reference, such as those a search returned
    /// through <c>_include</c>, so that no reference needs a read of its own.
    /// </param>
    public static IReadOnlyList<MedicationRow> Medications(
        IEnumerable<MedicationRequest> requests,
        IEnumerable<Medication> medications)
    {
        var byReference = medications
            .Where(m => m.Id is not null)
            .GroupBy(m => $"Medication/{m.Id}")
            .ToDictionary(group => group.Key, group => group.First());

        return NewestFirst(requests, r => r.AuthoredOn)
            .Select(request => Medication(request, byReference))
            .OrderByDescending(row => row.IsActive)
            .ToList();
    }

    private static MedicationRow Medication(
        MedicationRequest request,
        IReadOnlyDictionary<string, Medication> medications)
    {
        return new MedicationRow(
            Id: request.Id ?? string.Empty,
            Medication: MedicationName(request, medications),
            Status: FhirDisplay.Code(request.Status),
            Intent: FhirDisplay.Code(request.Intent),
            AuthoredOn: FhirDates.FormatDate(request.AuthoredOn),
            Dosage: DosageText(request.DosageInstruction),
            Requester: FhirDisplay.Reference(request.Requester),
            IsActive: request.Status == MedicationRequest.MedicationrequestStatus.Active);
    }

    private static string MedicationName(
        MedicationRequest request,
        IReadOnlyDictionary<string, Medication> medications)
    {
        if (request.Medication is CodeableConcept concept)
            return FhirDisplay.Concept(concept);
        if (request.Medication is not ResourceReference reference)
            return FhirDisplay.Missing;
        if (reference.Display is not null)
            return reference.Display;

        var target = reference.Reference ?? string.Empty;
        var medication = target.StartsWith('#')
            ? request.Contained.OfType<Medication>().FirstOrDefault(m => m.Id == target[1..])
            : medications.GetValueOrDefault(target);
        return medication is null ? target : FhirDisplay.Concept(medication.Code);
    }

    private static string DosageText(List<Dosage> dosages)
    {
        var texts = dosages.Select(dosage => dosage.Text switch
        {
            { Length: > 0 } text => text,
            _ when dosage.AsNeeded is FhirBoolean { Value: true } => "As needed",
            _ => FhirDisplay.Missing,
        });
        return JoinOrMissing(texts);
    }
}
