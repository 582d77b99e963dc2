using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal static partial class PatientRoster
{
    private static IEnumerable<PatientProfile> Elders()
    {
        yield return Adult("p-an-nguyen", ["Văn An"], "Nguyễn", AdministrativeGender.Male, 72, "4 Lotus Court", "0151", 165m, 62m, An)
            with { PreferredLanguage = ("vi", "Vietnamese") };
        yield return Adult(SeedPatients.HaroldMcAllister, ["Harold"], "McAllister", AdministrativeGender.Male, 79, "55 Granite Street", "0152", 175m, 88m, Harold)
            with { DiedDaysAgo = 200 };
        yield return Adult("p-ingrid-johansson", ["Ingrid"], "Johansson", AdministrativeGender.Female, 88, "2 Fjord View", "0153", 160m, 58m, Ingrid)
            with { PreferredLanguage = ("sv", "Swedish") };
        yield return Adult("p-william-taylor", ["William", "James"], "Taylor", AdministrativeGender.Male, 70, "101 Quarry Road", "0154", 177m, 80m, William);
        yield return Adult("p-margaret-osullivan", ["Margaret"], "O'Sullivan", AdministrativeGender.Female, 76, "33 Chapel Hill", "0155", 161m, 59m, Margaret)
            with { DiedDaysAgo = 400 };
    }

    private static void An(PatientChart chart)
    {
        var hypertension = chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 4000);
        var stay = chart.HospitalStay(900, 893, SnomedCodes.Stroke, CareSites.MedicalWardId, Staff.InternistId);
        var stroke = chart.Problem(SnomedCodes.Stroke, onsetDaysAgo: 900, diagnosedAt: stay);
        chart.Procedure(SnomedCodes.Electrocardiogram, stay, stroke);
        chart.Prescribe(RxNormCodes.Clopidogrel75, Dosing.TabletDaily(), 893, stroke, stay);
        chart.Prescribe(RxNormCodes.Atorvastatin80, Dosing.TabletDaily(), 893, stroke, stay);
        chart.Prescribe(RxNormCodes.Amlodipine5, Dosing.TabletDaily(), 3990, hypertension);
        var visits = chart.AdultCheckUps(420, 50);
        chart.RoutineLabs(visits[^1], 50, ldl: 71m);
        chart.Immunize(CvxCodes.Ppsv23, 420, visits[0]);
    }

    private static void Harold(PatientChart chart)
    {
        var coronary = chart.Problem(SnomedCodes.CoronaryHeartDisease, onsetDaysAgo: 3000);
        chart.Prescribe(RxNormCodes.Aspirin81, Dosing.TabletDaily(), 2990, coronary, endedDaysAgo: 200);
        chart.Prescribe(
            RxNormCodes.Nitroglycerin,
            new Dosing("Spray 1 dose under the tongue as needed for chest pain", 1, new Concept(Terminology.Ucum, "{spray}", "spray"), 3, SnomedCodes.OralRoute, AsNeeded: true),
            2990,
            coronary,
            endedDaysAgo: 200);
        chart.AdultCheckUps(600);
        var emergency = chart.EmergencyVisit(207, SnomedCodes.MyocardialInfarction, hours: 2);
        var infarction = chart.Problem(SnomedCodes.MyocardialInfarction, onsetDaysAgo: 207, diagnosedAt: emergency);
        var stay = chart.HospitalStay(
            207,
            200,
            SnomedCodes.MyocardialInfarction,
            CareSites.MedicalWardId,
            Staff.InternistId,
            diedInHospital: true);
        chart.Procedure(SnomedCodes.Electrocardiogram, emergency, infarction, Staff.EmergencyPhysicianId);
        chart.Note(stay, LoincCodes.ProgressNote, "Death note",
            "Admitted after an anterior myocardial infarction, complicated by cardiogenic shock. "
            + "Comfort care at the family's request. Died on the ward; family present.");
    }

    private static void Ingrid(PatientChart chart)
    {
        var alzheimers = chart.Problem(SnomedCodes.Alzheimers, onsetDaysAgo: 1200);
        var arthritis = chart.Problem(SnomedCodes.OsteoarthritisOfHip, onsetDaysAgo: 5000);
        chart.Prescribe(RxNormCodes.Donepezil10, Dosing.TabletDaily(), 1100, alzheimers);
        chart.ReportsTaking(RxNormCodes.Acetaminophen325, Dosing.TabletAsNeeded(2, 3, "hip pain"), 3000, 60, arthritis);
        var visits = chart.AdultCheckUps(430, 60);
        chart.Immunize(CvxCodes.Zoster, 430, visits[0]);
        chart.Immunize(CvxCodes.Ppsv23, 60, visits[1]);
        chart.Note(visits[1], LoincCodes.ProgressNote, "Memory clinic review",
            "Slow decline in short-term memory; lives with her daughter, who manages her medication. Continue donepezil.");
    }

    private static void William(PatientChart chart)
    {
        var copd = chart.Problem(SnomedCodes.Copd, onsetDaysAgo: 2500);
        chart.Prescribe(RxNormCodes.FluticasoneSalmeterol, Dosing.InhaledTwiceDaily(1), 2400, copd);
        chart.Prescribe(RxNormCodes.Albuterol, Dosing.InhaledAsNeeded(2), 2400, copd);
        var visits = chart.AdultCheckUps(380, 20);
        chart.Procedure(SnomedCodes.Spirometry, visits[0], copd);
        var emergency = chart.EmergencyVisit(150, SnomedCodes.AcuteBronchitis);
        chart.Diagnosis(SnomedCodes.AcuteBronchitis, emergency, 150, resolvedAfterDays: 21);
        chart.Procedure(SnomedCodes.ChestXray, emergency);
        chart.Prescribe(RxNormCodes.Prednisone5, Dosing.TabletDaily(), 150, encounter: emergency, endedDaysAgo: 145);
    }

    private static void Margaret(PatientChart chart)
    {
        var cancer = chart.Problem(SnomedCodes.BreastCancer, onsetDaysAgo: 1400);
        chart.Problem(SnomedCodes.Hypertension, onsetDaysAgo: 4000);
        chart.AdultCheckUps(800);
        var stay = chart.HospitalStay(
            410,
            400,
            SnomedCodes.BreastCancer,
            CareSites.MedicalWardId,
            Staff.ResidentId,
            diedInHospital: true);
        chart.Procedure(SnomedCodes.ChestXray, stay, cancer);
        chart.Prescribe(
            RxNormCodes.Acetaminophen325,
            Dosing.TabletAsNeeded(2, 4, "pain"),
            410,
            cancer,
            stay,
            endedDaysAgo: 400);
    }
}
