using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    /// <summary>Builds the immunizations table, newest first.</summary>
    public static IReadOnlyList<ImmunizationRow> Immunizations(IEnumerable<Immunization> immunizations) =>
        NewestFirst(immunizations, i => FhirDates.Start(i.Occurrence)).Select(Immunization).ToList();

    private static ImmunizationRow Immunization(Immunization immunization)
    {
        var date = immunization.Occurrence is FhirString text
            ? text.Value ?? FhirDisplay.Missing
            : FhirDates.FormatDate(FhirDates.Start(immunization.Occurrence));

        return new ImmunizationRow(
            Id: immunization.Id ?? string.Empty,
            Vaccine: FhirDisplay.Concept(immunization.VaccineCode),
            Date: date,
            Status: FhirDisplay.Code(immunization.Status),
            LotNumber: immunization.LotNumber ?? FhirDisplay.Missing);
    }
}
