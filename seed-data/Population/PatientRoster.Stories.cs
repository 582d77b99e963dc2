using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal static partial class PatientRoster
{
    // The HbA1c (%) of the diabetic story at each quarterly visit, oldest first.
    private static readonly (int DaysAgo, decimal HemoglobinA1c, decimal Glucose)[] DiabetesVisits =
    [
        (700, 6.6m, 128m), (610, 6.8m, 131m), (520, 7.0m, 139m), (430, 7.1m, 142m), (340, 7.4m, 151m),
        (250, 7.6m, 158m), (160, 7.9m, 166m), (70, 8.3m, 174m), (10, 8.7m, 182m),
    ];

    private const int MateoAgeYears = 3;
    private const int MateoAgeDays = 61;

    private static IEnumerable<PatientProfile> Stories()
    {
        yield return new PatientProfile
        {
            Id = SeedPatients.MarcusJohnson, Given = ["Marcus"], Family = "Johnson", Gender = AdministrativeGender.Male,
            AgeYears = 58, AgeDays = 121, Street = "22 Elm Street", PostalCode = "01915", Phone = "+1-555-0111",
            GeneralPractitionerId = Staff.InternistId, HeightCm = 178m, WeightKg = 104m, History = DiabetesStory,
        };
        yield return new PatientProfile
        {
            Id = SeedPatients.MateoGarcia, Given = ["Mateo"], Family = "García", Gender = AdministrativeGender.Male,
            AgeYears = MateoAgeYears, AgeDays = MateoAgeDays, Street = "5 Calle Sol Court", PostalCode = "01916", Phone = "+1-555-0112",
            GeneralPractitionerId = Staff.PediatricianId, ManagingOrganizationId = CareSites.PediatricClinicId,
            PreferredLanguage = ("es", "Spanish"), Guardian = ("Lucía", "García", "+1-555-0113"), History = GrowthStory,
        };
        yield return new PatientProfile
        {
            Id = SeedPatients.LuciaGarcia, Given = ["Lucía"], Family = "García", Gender = AdministrativeGender.Female,
            AgeYears = 31, AgeDays = 200, Street = "5 Calle Sol Court", PostalCode = "01916", Phone = "+1-555-0113",
            GeneralPractitionerId = Staff.FamilyPhysicianId, PreferredLanguage = ("es", "Spanish"),
            HeightCm = 162m, WeightKg = 61m, History = MotherOfMateo,
        };
        yield return new PatientProfile
        {
            Id = SeedPatients.RobertChen, Given = ["Robert", "Wei"], Family = "Chen", Gender = AdministrativeGender.Male,
            AgeYears = 66, AgeDays = 45, Street = "310 Lakeview Drive", PostalCode = "01917", Phone = "+1-555-0114",
            GeneralPractitionerId = Staff.FamilyPhysicianId, HeightCm = 172m, WeightKg = 84m, History = HypertensionStory,
        };
        yield return new PatientProfile
        {
            Id = SeedPatients.EleanorWhitfield, Given = ["Eleanor", "Rose"], Family = "Whitfield", Gender = AdministrativeGender.Female,
            AgeYears = 81, AgeDays = 300, Street = "18 Orchard Lane", PostalCode = "01915", Phone = "+1-555-0115",
            GeneralPractitionerId = Staff.InternistId, HeightCm = 158m, WeightKg = 63m, History = PolypharmacyStory,
        };
        yield return new PatientProfile
        {
            Id = SeedPatients.NoahBennett, Given = ["Noah"], Family = "Bennett", Gender = AdministrativeGender.Male,
            AgeYears = 45, AgeDays = 12, Street = "77 Birch Road", PostalCode = "01918", Phone = "+1-555-0116",
            GeneralPractitionerId = Staff.FamilyPhysicianId,
        };
    }

    private static void DiabetesStory(PatientChart chart)
    {
        chart.WeightAt = daysAgo => 104m + ((700 - daysAgo) / 140m);
        var diabetes = chart.Problem(SnomedCodes.Type2Diabetes, onsetDaysAgo: 1830);
        var hypertension = chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 1100);
        var lipids = chart.Problem(SnomedCodes.Hyperlipidemia, onsetDaysAgo: 1000);
        chart.Problem(SnomedCodes.Obesity, onsetDaysAgo: 1830);
        chart.Prescribe(RxNormCodes.MetforminExtendedRelease500, Dosing.TabletTwiceDaily(), 1830, diabetes);
        chart.Prescribe(RxNormCodes.Lisinopril10, Dosing.TabletDaily(), 1100, hypertension);
        chart.Prescribe(RxNormCodes.Atorvastatin80, Dosing.TabletDaily(), 1000, lipids);

        Encounter? last = null;
        foreach (var (daysAgo, a1c, glucose) in DiabetesVisits)
        {
            last = chart.ClinicVisit(daysAgo, SnomedCodes.FollowUp, SnomedCodes.Type2Diabetes);
            chart.LabReport(last, daysAgo, LoincCodes.HemoglobinA1c, (LabTests.HemoglobinA1c, a1c));
            chart.MetabolicPanel(last, daysAgo, glucose, creatinine: 1.1m);
            if (daysAgo % 360 < 90)
                chart.Immunize(CvxCodes.Influenza, daysAgo, last);
        }

        chart.Prescribe(RxNormCodes.InsulinIsophaneRegular, Dosing.InsulinTwiceDaily(10), 10, diabetes, last);
        var goal = chart.Goal(
            diabetes,
            "HbA1c below 7.0 %",
            LabTests.HemoglobinA1c,
            7.0m,
            startedDaysAgo: 700,
            dueInDays: 180);
        chart.CarePlan(diabetes, "Type 2 diabetes care plan", 700, [goal],
            "Check HbA1c every three months",
            "Review home glucose log at each visit",
            "Dietitian referral for carbohydrate counting",
            "Yearly retinal and foot examination");
        chart.Note(last!, LoincCodes.ProgressNote, "Diabetes follow-up",
            "HbA1c 8.7 %, up from 6.6 % two years ago despite metformin. Adherence good. "
            + "Start premixed insulin 10 units twice daily; recheck HbA1c in three months.");
    }

    private static void GrowthStory(PatientChart chart)
    {
        var visits = chart.WellChildVisits();
        var earVisit = chart.ClinicVisit(
            chart.DaysAgoAtAgeMonths(20),
            SnomedCodes.EncounterForSymptom,
            SnomedCodes.OtitisMedia);
        var daysAgo = chart.DaysAgoAtAgeMonths(20);
        var otitis = chart.Diagnosis(SnomedCodes.OtitisMedia, earVisit, daysAgo);
        chart.Prescribe(
            RxNormCodes.Amoxicillin250,
            Dosing.CapsuleThreeTimesDaily(),
            daysAgo,
            otitis,
            earVisit,
            endedDaysAgo: daysAgo - 10);
        chart.Note(visits[^1], LoincCodes.ProgressNote, "Three-year well-child visit",
            "Growing along the 50th percentile for weight and height. Speaks in short sentences in Spanish and English. "
            + "Vaccines up to date.");
    }

    private static void MotherOfMateo(PatientChart chart)
    {
        var calendar = chart.Calendar;
        var mateoBirth = calendar.DaysSince(calendar.ReferenceDate.AddYears(-MateoAgeYears).AddDays(-MateoAgeDays));
        chart.Problem(SnomedCodes.NormalPregnancy, onsetDaysAgo: mateoBirth + 270, resolvedDaysAgo: mateoBirth);
        var visits = chart.AdultCheckUps(400, 35);
        chart.RoutineLabs(visits[^1], 35, hemoglobin: 12.6m);
    }

    private static void HypertensionStory(PatientChart chart)
    {
        // Monthly readings: high at diagnosis, falling after lisinopril, and again after hydrochlorothiazide.
        chart.BloodPressureAt = daysAgo => daysAgo switch
        {
            >= 370 => (158, 98),
            >= 250 => (158 - ((370 - daysAgo) / 8), 98 - ((370 - daysAgo) / 20)),
            _ => (143 - ((250 - daysAgo) / 16), 92 - ((250 - daysAgo) / 25)),
        };
        var hypertension = chart.Problem(SnomedCodes.EssentialHypertension, onsetDaysAgo: 400);
        var first = chart.ClinicVisit(400, SnomedCodes.EncounterForProblem, SnomedCodes.EssentialHypertension);
        chart.Procedure(SnomedCodes.Electrocardiogram, first, hypertension);
        chart.MetabolicPanel(first, 400, glucose: 94m, creatinine: 1.0m);
        chart.Prescribe(RxNormCodes.Lisinopril10, Dosing.TabletDaily(), 400, hypertension, first);
        for (var daysAgo = 370; daysAgo >= 10; daysAgo -= 30)
        {
            var visit = chart.ClinicVisit(daysAgo, SnomedCodes.FollowUp, SnomedCodes.EssentialHypertension);
            if (daysAgo == 250)
                chart.Prescribe(RxNormCodes.Hydrochlorothiazide25, Dosing.TabletDaily(), daysAgo, hypertension, visit);

            if (daysAgo == 190)
                chart.MetabolicPanel(visit, daysAgo, glucose: 97m, creatinine: 1.0m, potassium: 3.3m);
        }

        var goal = chart.Goal(hypertension, "Systolic blood pressure below 130 mmHg",
            new LabTest(LoincCodes.SystolicBloodPressure, "mm[Hg]", "mmHg", null, 130m), 130m, startedDaysAgo: 400, dueInDays: 90);
        chart.CarePlan(hypertension, "Hypertension care plan", 400, [goal],
            "Home blood pressure readings twice a week", "Salt intake below 5 g a day", "Thirty minutes of walking five days a week");
    }
}
