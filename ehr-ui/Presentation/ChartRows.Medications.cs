using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the medications table: active orders first, each group newest first.</summary>
    /// <param name="requests">The MedicationRequest resources.</param>
    /// <param name="included">
    /// Resources that the requests reference (medications, requesters), such as those a
    /// search returned through <c>_include</c>, so that no reference needs a read of its own.
    /// </param>
    public static IReadOnlyList<MedicationRow> Medications(
        IEnumerable<MedicationRequest> requests,
        IEnumerable<Resource> included)
    {
        var byReference = included
            .Where(resource => resource.Id is not null)
            .GroupBy(resource => $"{resource.TypeName}/{resource.Id}")
            .ToDictionary(group => group.Key, group => group.First());

        return NewestFirst(requests, r => r.AuthoredOn)
            .Select(request => Medication(request, byReference))
            .OrderByDescending(row => row.IsActive)
            .ToList();
    }

    private static MedicationRow Medication(
        MedicationRequest request,
        IReadOnlyDictionary<string, Resource> included)
    {
        return new MedicationRow(
            Id: request.Id ?? string.Empty,
            Medication: MedicationName(request, included),
            Status: FhirDisplay.Code(request.Status),
            Intent: FhirDisplay.Code(request.Intent),
            AuthoredOn: FhirDates.FormatDate(request.AuthoredOn),
            Dosage: DosageText(request.DosageInstruction),
            Requester: RequesterName(request.Requester, included),
            IsActive: request.Status == MedicationRequest.MedicationrequestStatus.Active);
    }

    private static string MedicationName(
        MedicationRequest request,
        IReadOnlyDictionary<string, Resource> included)
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
            : included.GetValueOrDefault(target) as Medication;
        return medication is null ? target : FhirDisplay.Concept(medication.Code);
    }

    private static string RequesterName(ResourceReference? requester, IReadOnlyDictionary<string, Resource> included)
    {
        if (requester?.Display is not null || requester?.Reference is null)
            return FhirDisplay.Reference(requester);

        return included.GetValueOrDefault(requester.Reference) switch
        {
            Practitioner practitioner => FhirDisplay.PersonName(practitioner.Name),
            Organization organization => organization.Name ?? requester.Reference,
            _ => requester.Reference,
        };
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
