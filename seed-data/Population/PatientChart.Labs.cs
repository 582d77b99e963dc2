using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    private static readonly Concept LaboratoryCategory = new(
        Terminology.ObservationCategory,
        "laboratory",
        "Laboratory");
    private static readonly Concept LaboratoryService = new(Terminology.DiagnosticService, "LAB", "Laboratory");
    private static readonly Concept High = new(Terminology.ObservationInterpretation, "H", "High");
    private static readonly Concept Low = new(Terminology.ObservationInterpretation, "L", "Low");
    private static readonly Concept Normal = new(Terminology.ObservationInterpretation, "N", "Normal");

    /// <summary>
    /// Adds laboratory results drawn at an encounter and the report that groups them.
    /// Each result is flagged high, low or normal against its reference range.
    /// </summary>
    public DiagnosticReport LabReport(Encounter encounter, int daysAgo, Concept reportCode, params (LabTest Test, decimal Value)[] results)
    {
        var observations = results.Select(result => LabResult(encounter, daysAgo, result.Test, result.Value)).ToList();
        var report = new DiagnosticReport
        {
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Category = [LaboratoryService.ToCodeableConcept()],
            Code = reportCode.ToCodeableConcept(),
            Subject = Subject,
            Encounter = References.To(encounter),
            Effective = Calendar.DateTime(daysAgo, 8, 15),
            Issued = Calendar.Instant(daysAgo, 14, 0).Value,
            Performer = [References.To("Organization", CareSites.HospitalId, "Riverside Community Hospital")],
            Result = [.. observations.Select(observation => References.To(observation))],
        };
        return Add("rpt", report);
    }

    /// <summary>Adds the usual adult panels of a yearly check-up: metabolic panel, lipid panel and blood count.</summary>
    public void RoutineLabs(Encounter encounter, int daysAgo, decimal glucose = 92m, decimal ldl = 96m, decimal hemoglobin = 14.1m)
    {
        MetabolicPanel(encounter, daysAgo, glucose, creatinine: 0.9m);
        LabReport(encounter, daysAgo, LoincCodes.LipidPanel,
            (LabTests.Cholesterol, ldl + 86m), (LabTests.Triglyceride, 118m), (LabTests.HdlCholesterol, 52m), (LabTests.LdlCholesterol, ldl));
        LabReport(encounter, daysAgo, LoincCodes.CompleteBloodCount,
            (LabTests.Leukocytes, 6.8m), (LabTests.Erythrocytes, 4.7m), (LabTests.Hemoglobin, hemoglobin),
            (LabTests.Hematocrit, Math.Round(hemoglobin * 3m, 1)), (LabTests.Platelets, 245m));
    }

    public DiagnosticReport MetabolicPanel(Encounter encounter, int daysAgo, decimal glucose, decimal creatinine, decimal potassium = 4.2m) =>
        LabReport(encounter, daysAgo, LoincCodes.BasicMetabolicPanel,
            (LabTests.Glucose, glucose), (LabTests.UreaNitrogen, 14m), (LabTests.Creatinine, creatinine),
            (LabTests.Sodium, 140m), (LabTests.Potassium, potassium), (LabTests.Chloride, 102m),
            (LabTests.CarbonDioxide, 25m), (LabTests.Calcium, 9.4m));

    private Observation LabResult(Encounter encounter, int daysAgo, LabTest test, decimal value)
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [LaboratoryCategory.ToCodeableConcept()],
            Code = test.Code.ToCodeableConcept(),
            Subject = Subject,
            Encounter = References.To(encounter),
            Effective = Calendar.DateTime(daysAgo, 8, 15),
            Issued = Calendar.Instant(daysAgo, 14, 0).Value,
            Value = Ucum(value, test.UcumCode, test.Unit),
            Interpretation = [Interpret(test, value).ToCodeableConcept()],
            ReferenceRange = [Range(test)],
        };
        return Add("lab", observation);
    }

    private static Concept Interpret(LabTest test, decimal value)
    {
        if (value < test.Low)
            return Low;

        return value > test.High ? High : Normal;
    }

    private static Observation.ReferenceRangeComponent Range(LabTest test)
    {
        var range = new Observation.ReferenceRangeComponent();
        if (test.Low is { } low)
            range.Low = Simple(low, test);

        if (test.High is { } high)
            range.High = Simple(high, test);

        return range;
    }

    private static Quantity Simple(decimal value, LabTest test) => new()
    {
        Value = value,
        Unit = test.Unit,
        System = Terminology.Ucum,
        Code = test.UcumCode,
    };
}
