using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the problem list: active problems first, each group newest first.</summary>
    public static IReadOnlyList<ProblemRow> Problems(IEnumerable<Condition> conditions)
    {
        return NewestFirst(conditions, c => FhirDates.Start(c.Onset) ?? c.RecordedDate)
            .Select(Problem)
            .OrderByDescending(row => row.IsActive)
            .ToList();
    }

    private static ProblemRow Problem(Condition condition)
    {
        var clinicalStatus = condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code;
        var isActive = clinicalStatus is "active" or "recurrence" or "relapse";

        return new ProblemRow(
            Id: condition.Id ?? string.Empty,
            Problem: FhirDisplay.Concept(condition.Code),
            ClinicalStatus: FhirDisplay.Status(condition.ClinicalStatus),
            VerificationStatus: FhirDisplay.Status(condition.VerificationStatus),
            Onset: OnsetText(condition.Onset),
            Abated: OnsetText(condition.Abatement),
            Recorded: FhirDates.FormatDate(condition.RecordedDate),
            IsActive: isActive);
    }

    private static string OnsetText(DataType? value) => value switch
    {
        FhirString text => text.Value ?? FhirDisplay.Missing,
        Age age => $"Age {FhirDisplay.Quantity(age)}",
        _ => FhirDates.FormatDate(FhirDates.Start(value)),
    };
}
