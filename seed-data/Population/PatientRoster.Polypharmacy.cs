using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal static partial class PatientRoster
{
    // INR results of the anticoagulated patient, monthly; 3.6 is above the therapeutic range.
    private static readonly (int DaysAgo, decimal Inr)[] InrChecks = [(180, 2.4m), (150, 2.8m), (120, 3.6m), (90, 2.2m), (60, 2.6m), (30, 3.1m)];

    /// <summary>
    /// Eleven active medications, with interactions a drug-interaction app should flag:
    /// warfarin with aspirin and with over-the-counter naproxen (bleeding risk).
    /// </summary>
    private static void PolypharmacyStory(PatientChart chart)
    {
        var fibrillation = chart.Problem(SnomedCodes.AtrialFibrillation, onsetDaysAgo: 3000);
        var heartFailure = chart.Problem(SnomedCodes.ChronicHeartFailure, onsetDaysAgo: 1500);
        var hypertension = chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 5000);
        var lipids = chart.Problem(SnomedCodes.Hyperlipidemia, onsetDaysAgo: 4000);
        var arthritis = chart.Problem(SnomedCodes.OsteoarthritisOfHip, onsetDaysAgo: 2500);
        var anemia = chart.Problem(SnomedCodes.Anemia, onsetDaysAgo: 400);
        var osteoporosis = chart.Problem(SnomedCodes.Osteoporosis, onsetDaysAgo: 2200);
        chart.Allergy(SnomedCodes.ShellfishAllergy, AllergyIntolerance.AllergyIntoleranceCategory.Food,
            AllergyIntolerance.AllergyIntoleranceCriticality.Low, SnomedCodes.Hives, AllergyIntolerance.AllergyIntoleranceSeverity.Mild, 20000);

        chart.Prescribe(RxNormCodes.Warfarin5, Dosing.TabletDaily(), 2990, fibrillation);
        chart.Prescribe(RxNormCodes.Digoxin0125, Dosing.TabletDaily(), 2990, fibrillation);
        chart.Prescribe(RxNormCodes.MetoprololSuccinate100, Dosing.TabletDaily(), 1500, heartFailure);
        chart.Prescribe(RxNormCodes.Lisinopril10, Dosing.TabletDaily(), 4990, hypertension);
        chart.Prescribe(RxNormCodes.Atorvastatin80, Dosing.TabletDaily(), 3990, lipids);
        chart.Prescribe(RxNormCodes.Aspirin81, Dosing.TabletDaily(), 1200, heartFailure);
        chart.Prescribe(RxNormCodes.Alendronate10, Dosing.TabletDaily(), 2200, osteoporosis);
        chart.Prescribe(RxNormCodes.FerrousSulfate325, Dosing.TabletDaily(), 400, anemia);
        chart.ReportsTaking(RxNormCodes.Naproxen220, Dosing.TabletAsNeeded(1, 2, "hip pain"), 300, 30, arthritis);
        chart.ReportsTaking(RxNormCodes.Acetaminophen325, Dosing.TabletAsNeeded(2, 3, "hip pain"), 900, 30, arthritis);
        chart.ReportsTaking(RxNormCodes.Cetirizine5, Dosing.TabletDaily(), 200, 30);

        var stay = chart.HospitalStay(
            200,
            195,
            SnomedCodes.ChronicHeartFailure,
            CareSites.MedicalWardId,
            Staff.InternistId);
        chart.Procedure(SnomedCodes.TransthoracicEchocardiography, stay, heartFailure);
        chart.Procedure(SnomedCodes.ChestXray, stay, heartFailure);
        chart.MetabolicPanel(stay, 200, glucose: 104m, creatinine: 1.4m, potassium: 5.3m);
        chart.Note(stay, LoincCodes.DischargeSummary, "Discharge summary",
            "Admitted with worsening breathlessness and ankle swelling from chronic heart failure. "
            + "Diuresed, weight down 3 kg. Discharged home on unchanged medication; follow-up in clinic in two weeks.");

        foreach (var (daysAgo, inr) in InrChecks)
        {
            var visit = chart.ClinicVisit(daysAgo, SnomedCodes.FollowUp, SnomedCodes.AtrialFibrillation);
            chart.LabReport(visit, daysAgo, LoincCodes.Inr, (LabTests.Inr, inr));
            if (daysAgo == 30)
            {
                chart.Procedure(SnomedCodes.MedicationReconciliation, visit, performerId: Staff.PharmacistId);
                chart.LabReport(visit, daysAgo, LoincCodes.CompleteBloodCount,
                    (LabTests.Leukocytes, 7.2m), (LabTests.Erythrocytes, 3.9m), (LabTests.Hemoglobin, 10.8m),
                    (LabTests.Hematocrit, 32.9m), (LabTests.Platelets, 210m));
                chart.Immunize(CvxCodes.Influenza, daysAgo, visit);
            }
        }
    }
}
