using Hl7.Fhir.Model;
using Category = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceCategory;
using Criticality = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceCriticality;
using Severity = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceSeverity;

namespace Sandbox.SeedData.Population;

internal static partial class PatientRoster
{
    private static IEnumerable<PatientProfile> Adults()
    {
        yield return Adult(SeedPatients.AvaThompson, ["Ava", "Grace"], "Thompson", AdministrativeGender.Female, 34, "14 Willow Way", "0121", 165m, 62m, Ava);
        yield return Adult("p-amelie-dubois", ["Amélie"], "Dubois", AdministrativeGender.Female, 29, "9 Rue Lafayette Place", "0122", 168m, 66m, Amelie) with { PreferredLanguage = ("fr", "French") };
        yield return Adult("p-sean-obrien", ["Seán"], "O'Brien", AdministrativeGender.Male, 38, "41 Shannon Street", "0123", 183m, 86m, Sean);
        yield return Adult("p-anna-lena-mueller-schmidt", ["Anna-Lena"], "Müller-Schmidt", AdministrativeGender.Female, 52, "3 Linden Terrace", "0124", 170m, 68m, AnnaLena) with { PreferredLanguage = ("de", "German") };
        yield return Adult("p-yasmin-haddad", ["Yasmin"], "Haddad", AdministrativeGender.Female, 27, "60 Cedar Avenue", "0125", 160m, 64m, Yasmin) with { PreferredLanguage = ("ar", "Arabic") };
        yield return Adult("p-grace-kim", ["Grace"], "Kim", AdministrativeGender.Female, 24, "12 Harbor View", "0126", 163m, 55m, Grace);
        yield return Adult("p-daniel-rossi", ["Daniel"], "Rossi", AdministrativeGender.Male, 41, "88 Vine Street", "0127", 176m, 79m, Daniel);
        yield return Adult("p-fatima-rahman", ["Fatima"], "Rahman", AdministrativeGender.Female, 63, "27 Crescent Road", "0128", 157m, 77m, Fatima);
        yield return Adult("p-jose-hernandez", ["José", "Luis"], "Hernández", AdministrativeGender.Male, 49, "150 Mill Street", "0129", 174m, 97m, Jose) with { PreferredLanguage = ("es", "Spanish") };
        yield return Adult("p-hana-sato", ["Hana"], "Sato", AdministrativeGender.Female, 36, "6 Cherry Blossom Lane", "0130", 158m, 51m, Hana) with { PreferredLanguage = ("ja", "Japanese") };
        yield return Adult("p-oliver-wright", ["Oliver"], "Wright", AdministrativeGender.Male, 31, "19 Forge Road", "0131", 180m, 75m, Oliver);
        yield return Adult("p-samuel-adeyemi", ["Samuel", "Olusegun"], "Adeyemi", AdministrativeGender.Male, 55, "230 Park Avenue", "0132", 181m, 90m, Samuel);
    }

    private static PatientProfile Adult(
        string id, string[] given, string family, AdministrativeGender gender, int age,
        string street, string phoneSuffix, decimal heightCm, decimal weightKg, Action<PatientChart> history) => new()
    {
        Id = id, Given = given, Family = family, Gender = gender, AgeYears = age, AgeDays = (age * 37) % 365,
        Street = street, PostalCode = "01915", Phone = $"+1-555-{phoneSuffix}",
        GeneralPractitionerId = age >= 50 ? Staff.InternistId : Staff.FamilyPhysicianId,
        HeightCm = heightCm, WeightKg = weightKg, History = history,
    };

    private static void Ava(PatientChart chart)
    {
        var visits = chart.AdultCheckUps(760, 395, 30);
        var asthma = chart.Problem(SnomedCodes.Asthma, onsetDaysAgo: 26 * 365);
        chart.Allergy(
            SnomedCodes.PenicillinAllergy,
            Category.Medication,
            Criticality.High,
            SnomedCodes.Hives,
            Severity.Moderate,
            20 * 365);
        chart.Prescribe(RxNormCodes.Fluticasone, Dosing.InhaledTwiceDaily(2), 700, asthma);
        chart.Prescribe(RxNormCodes.Albuterol, Dosing.InhaledAsNeeded(2), 700, asthma);
        chart.Immunize(CvxCodes.Tdap, 760, visits[0]);
        chart.RoutineLabs(visits[^1], 30);
        var sinusVisit = chart.ClinicVisit(140, SnomedCodes.EncounterForSymptom, SnomedCodes.ViralSinusitis);
        chart.Diagnosis(SnomedCodes.ViralSinusitis, sinusVisit, 140);
        chart.Note(visits[^1], LoincCodes.ProgressNote, "Yearly check-up",
            "Asthma well controlled on inhaled fluticasone, rescue inhaler used about once a month. "
            + "Penicillin allergy (hives) confirmed. Routine labs ordered.");
    }

    private static void Amelie(PatientChart chart)
    {
        var pregnancy = chart.Problem(SnomedCodes.NormalPregnancy, onsetDaysAgo: 150);
        var visits = new[] { 140, 110, 80, 50, 20 }
            .Select(days => chart.ClinicVisit(days, SnomedCodes.PrenatalVisit, SnomedCodes.NormalPregnancy))
            .ToList();
        foreach (var visit in visits.Skip(1))
            chart.Procedure(SnomedCodes.FetalHeartAuscultation, visit, pregnancy);

        var anemia = chart.Problem(SnomedCodes.Anemia, onsetDaysAgo: 140, diagnosedAt: visits[0]);
        chart.LabReport(visits[0], 140, LoincCodes.CompleteBloodCount,
            (LabTests.Leukocytes, 8.9m), (LabTests.Erythrocytes, 3.9m), (LabTests.Hemoglobin, 10.9m),
            (LabTests.Hematocrit, 33.1m), (LabTests.Platelets, 231m));
        chart.Prescribe(RxNormCodes.FerrousSulfate325, Dosing.TabletDaily(), 140, anemia, visits[0]);
        chart.Immunize(CvxCodes.Tdap, 20, visits[^1]);
        chart.Immunize(CvxCodes.Influenza, 80, visits[2]);
    }

    private static void Sean(PatientChart chart)
    {
        chart.AdultCheckUps(300);
        chart.Allergy(
            SnomedCodes.DanderAllergy,
            Category.Environment,
            Criticality.Low,
            SnomedCodes.Rhinitis,
            Severity.Mild,
            30 * 365);
        var visit = chart.EmergencyVisit(60, SnomedCodes.SprainOfAnkle, hours: 3);
        var sprain = chart.Diagnosis(SnomedCodes.SprainOfAnkle, visit, 60, resolvedAfterDays: 28);
        chart.Procedure(SnomedCodes.BoneImmobilization, visit, sprain);
        chart.Prescribe(
            RxNormCodes.Ibuprofen200,
            Dosing.TabletAsNeeded(2, 3, "ankle pain"),
            60,
            sprain,
            visit,
            endedDaysAgo: 46);
    }

    private static void AnnaLena(PatientChart chart)
    {
        var visits = chart.AdultCheckUps(380, 20);
        var arthritis = chart.Problem(SnomedCodes.OsteoarthritisOfHand, onsetDaysAgo: 1500);
        var lipids = chart.Problem(SnomedCodes.Hyperlipidemia, onsetDaysAgo: 380, diagnosedAt: visits[0]);
        chart.RoutineLabs(visits[0], 380, ldl: 162m);
        chart.Prescribe(RxNormCodes.Atorvastatin80, Dosing.TabletDaily(), 380, lipids, visits[0]);
        chart.RoutineLabs(visits[1], 20, ldl: 104m);
        chart.ReportsTaking(RxNormCodes.Naproxen220, Dosing.TabletAsNeeded(1, 2, "hand pain"), 900, 20, arthritis);
        chart.Allergy(
            SnomedCodes.GrassPollenAllergy,
            Category.Environment,
            Criticality.Low,
            SnomedCodes.Rhinitis,
            Severity.Mild,
            40 * 365);
        chart.ReportsTaking(RxNormCodes.Cetirizine5, Dosing.TabletDaily(), 3000, 20);
    }

    private static void Yasmin(PatientChart chart)
    {
        var pregnancy = chart.Problem(SnomedCodes.NormalPregnancy, onsetDaysAgo: 285, resolvedDaysAgo: 5);
        chart.ClinicVisit(200, SnomedCodes.PrenatalVisit, SnomedCodes.NormalPregnancy);
        chart.ClinicVisit(60, SnomedCodes.PrenatalVisit, SnomedCodes.NormalPregnancy);
        var stay = chart.HospitalStay(6, 4, SnomedCodes.NormalPregnancy, CareSites.MedicalWardId, Staff.InternistId);
        chart.Procedure(SnomedCodes.Childbirth, stay, pregnancy, Staff.ResidentId);
        chart.Note(stay, LoincCodes.DischargeSummary, "Discharge summary",
            "Uncomplicated vaginal delivery of a healthy girl (Noor). Mother and baby discharged home on day 2.");
    }

    private static void Grace(PatientChart chart)
    {
        var visits = chart.AdultCheckUps(220);
        chart.Procedure(SnomedCodes.DepressionScreening, visits[0]);
        chart.Allergy(
            SnomedCodes.HouseDustMiteAllergy,
            Category.Environment,
            Criticality.Low,
            SnomedCodes.Rhinitis,
            Severity.Mild,
            15 * 365);
        var visit = chart.ClinicVisit(90, SnomedCodes.EncounterForSymptom, SnomedCodes.ViralSinusitis);
        var sinusitis = chart.Diagnosis(SnomedCodes.ViralSinusitis, visit, 90);
        chart.ReportsTaking(RxNormCodes.Acetaminophen325, Dosing.TabletAsNeeded(2, 3, "headache"), 92, 90, sinusitis);
    }

    private static void Daniel(PatientChart chart)
    {
        chart.AdultCheckUps(500);
        var emergency = chart.EmergencyVisit(120, SnomedCodes.Appendicitis, hours: 5);
        var appendicitis = chart.Diagnosis(SnomedCodes.Appendicitis, emergency, 120, resolvedAfterDays: 14);
        chart.LabReport(emergency, 120, LoincCodes.CompleteBloodCount,
            (LabTests.Leukocytes, 15.8m), (LabTests.Erythrocytes, 4.9m), (LabTests.Hemoglobin, 14.9m),
            (LabTests.Hematocrit, 44.2m), (LabTests.Platelets, 288m));
        var stay = chart.HospitalStay(120, 117, SnomedCodes.Appendicitis, CareSites.SurgicalWardId, Staff.SurgeonId);
        chart.Procedure(SnomedCodes.Appendectomy, stay, appendicitis, Staff.SurgeonId);
        chart.Prescribe(
            RxNormCodes.AmoxicillinClavulanate,
            Dosing.TabletTwiceDaily(),
            117,
            appendicitis,
            stay,
            endedDaysAgo: 110);
        chart.Note(stay, LoincCodes.DischargeSummary, "Discharge summary",
            "Laparoscopic appendectomy for acute appendicitis, uneventful recovery. Oral antibiotics for seven days.");
    }

    private static void Fatima(PatientChart chart)
    {
        chart.BloodPressureAt = _ => (142, 88);
        var hypertension = chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 3650);
        var heartFailure = chart.Problem(SnomedCodes.ChronicHeartFailure, onsetDaysAgo: 900);
        chart.Prescribe(RxNormCodes.Lisinopril10, Dosing.TabletDaily(), 3600, hypertension);
        chart.Prescribe(RxNormCodes.MetoprololSuccinate100, Dosing.TabletDaily(), 900, heartFailure);
        var stay = chart.HospitalStay(
            60,
            55,
            SnomedCodes.ChronicHeartFailure,
            CareSites.MedicalWardId,
            Staff.ResidentId);
        chart.Procedure(SnomedCodes.TransthoracicEchocardiography, stay, heartFailure);
        chart.MetabolicPanel(stay, 60, glucose: 101m, creatinine: 1.5m);
        var goal = chart.Goal(hypertension, "Systolic blood pressure below 130 mmHg",
            new LabTest(LoincCodes.SystolicBloodPressure, "mm[Hg]", "mmHg", null, 130m), 130m, startedDaysAgo: 55, dueInDays: 120);
        chart.CarePlan(heartFailure, "Heart failure care plan", 55, [goal],
            "Weigh every morning and call the clinic after a gain of 2 kg", "Fluid intake below 1.5 L a day");
        chart.AdultCheckUps(25);
    }

    private static void Jose(PatientChart chart)
    {
        var visits = chart.AdultCheckUps(730, 365, 15);
        chart.Problem(SnomedCodes.Obesity, onsetDaysAgo: 2000);
        var prediabetes = chart.Problem(SnomedCodes.Prediabetes, onsetDaysAgo: 365, diagnosedAt: visits[1]);
        chart.RoutineLabs(visits[1], 365, glucose: 112m, ldl: 128m);
        chart.LabReport(visits[1], 365, LoincCodes.HemoglobinA1c, (LabTests.HemoglobinA1c, 6.1m));
        chart.LabReport(visits[2], 15, LoincCodes.HemoglobinA1c, (LabTests.HemoglobinA1c, 5.9m));
        var goal = chart.Goal(
            prediabetes,
            "HbA1c below 5.7 %",
            LabTests.HemoglobinA1c,
            5.7m,
            startedDaysAgo: 365,
            dueInDays: 365);
        chart.CarePlan(prediabetes, "Prediabetes lifestyle plan", 365, [goal],
            "Lose 5 % of body weight", "One hundred fifty minutes of activity a week");
    }

    private static void Hana(PatientChart chart)
    {
        var visit = chart.ClinicVisit(300, SnomedCodes.EncounterForSymptom, SnomedCodes.Anemia);
        var anemia = chart.Problem(SnomedCodes.Anemia, onsetDaysAgo: 300, diagnosedAt: visit);
        chart.LabReport(visit, 300, LoincCodes.CompleteBloodCount,
            (LabTests.Leukocytes, 5.9m), (LabTests.Erythrocytes, 3.8m), (LabTests.Hemoglobin, 10.2m),
            (LabTests.Hematocrit, 31.0m), (LabTests.Platelets, 320m));
        chart.Prescribe(RxNormCodes.FerrousSulfate325, Dosing.TabletDaily(), 300, anemia, visit);
        var followUp = chart.AdultCheckUps(30)[0];
        chart.LabReport(followUp, 30, LoincCodes.CompleteBloodCount,
            (LabTests.Leukocytes, 6.1m), (LabTests.Erythrocytes, 4.3m), (LabTests.Hemoglobin, 12.4m),
            (LabTests.Hematocrit, 37.5m), (LabTests.Platelets, 280m));
    }

    private static void Oliver(PatientChart chart)
    {
        var visits = chart.AdultCheckUps(410, 45);
        chart.RoutineLabs(visits[^1], 45);
        chart.Allergy(
            SnomedCodes.LatexAllergy,
            Category.Environment,
            Criticality.Low,
            SnomedCodes.SkinEruption,
            Severity.Mild,
            10 * 365);
    }

    private static void Samuel(PatientChart chart)
    {
        chart.BloodPressureAt = _ => (134, 84);
        var visits = chart.AdultCheckUps(740, 370, 12);
        var hypertension = chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 1800);
        var lipids = chart.Problem(SnomedCodes.Hyperlipidemia, onsetDaysAgo: 1400);
        chart.Prescribe(RxNormCodes.Amlodipine5, Dosing.TabletDaily(), 1800, hypertension);
        chart.Prescribe(RxNormCodes.Atorvastatin80, Dosing.TabletDaily(), 1400, lipids);
        chart.RoutineLabs(visits[1], 370, ldl: 118m);
        chart.RoutineLabs(visits[2], 12, ldl: 92m);
        chart.Procedure(SnomedCodes.Colonoscopy, chart.ClinicVisit(200, SnomedCodes.EncounterForProblem));
    }
}
