using Hl7.Fhir.Model;
using Category = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceCategory;
using Criticality = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceCriticality;
using Severity = Hl7.Fhir.Model.AllergyIntolerance.AllergyIntoleranceSeverity;

namespace Sandbox.SeedData.Population;

internal static partial class PatientRoster
{
    private static IEnumerable<PatientProfile> Children()
    {
        yield return Child(SeedPatients.NoorHaddad, "Noor", "Haddad", AdministrativeGender.Female, 0, 5, ("Yasmin", "Haddad", "+1-555-0125"), Newborn)
            with { PreferredLanguage = ("ar", "Arabic") };
        yield return Child(SeedPatients.LilyPatel, "Lily", "Patel", AdministrativeGender.Female, 0, 270, ("Anjali", "Patel", "+1-555-0141"), Infant)
            with { BirthOrder = 1 };
        yield return Child(SeedPatients.RosePatel, "Rose", "Patel", AdministrativeGender.Female, 0, 270, ("Anjali", "Patel", "+1-555-0141"), InfantWithEarInfection)
            with { BirthOrder = 2 };
        yield return Child("p-zoe-lambert", "Zoë", "Lambert", AdministrativeGender.Female, 5, 80, ("Claire", "Lambert", "+1-555-0142"), Zoe);
        yield return Child("p-ethan-brooks", "Ethan", "Brooks", AdministrativeGender.Male, 11, 150, ("Megan", "Brooks", "+1-555-0143"), Ethan);
        yield return Child("p-jack-wilson", "Jack", "Wilson", AdministrativeGender.Male, 15, 200, ("Paul", "Wilson", "+1-555-0144"), Jack);
        yield return Child("p-chloe-martin", "Chloé", "Martin", AdministrativeGender.Female, 17, 20, ("Nathalie", "Martin", "+1-555-0145"), Chloe);
    }

    private static PatientProfile Child(
        string id, string given, string family, AdministrativeGender gender, int years, int days,
        (string Given, string Family, string Phone) guardian, Action<PatientChart> history) => new()
    {
        Id = id, Given = [given], Family = family, Gender = gender, AgeYears = years, AgeDays = days,
        Street = $"{10 + (days % 80)} School Street", PostalCode = "01916", Phone = guardian.Phone,
        GeneralPractitionerId = Staff.PediatricianId, ManagingOrganizationId = CareSites.PediatricClinicId,
        Guardian = guardian, History = history,
    };

    private static void Newborn(PatientChart chart)
    {
        var visits = chart.WellChildVisits();
        chart.Note(visits[0], LoincCodes.ProgressNote, "Newborn visit",
            "Three-day-old girl, breastfeeding well, weight 3.2 kg. Hepatitis B vaccine given. Next visit at one month.");
    }

    private static void Infant(PatientChart chart) => chart.WellChildVisits();

    private static void InfantWithEarInfection(PatientChart chart)
    {
        chart.WellChildVisits();
        var daysAgo = chart.DaysAgoAtAgeMonths(7);
        var visit = chart.ClinicVisit(daysAgo, SnomedCodes.EncounterForSymptom, SnomedCodes.OtitisMedia);
        var otitis = chart.Diagnosis(SnomedCodes.OtitisMedia, visit, daysAgo);
        chart.Prescribe(
            RxNormCodes.Amoxicillin250,
            Dosing.CapsuleThreeTimesDaily(),
            daysAgo,
            otitis,
            visit,
            endedDaysAgo: daysAgo - 10);
    }

    private static void Zoe(PatientChart chart)
    {
        chart.WellChildVisits();
        var visit = chart.ClinicVisit(40, SnomedCodes.EncounterForSymptom, SnomedCodes.OtitisMedia);
        var otitis = chart.Diagnosis(SnomedCodes.OtitisMedia, visit, 40);
        chart.Prescribe(
            RxNormCodes.Amoxicillin250,
            Dosing.CapsuleThreeTimesDaily(),
            40,
            otitis,
            visit,
            endedDaysAgo: 30);
    }

    private static void Ethan(PatientChart chart)
    {
        var checkUp = chart.ClinicVisit(400, SnomedCodes.WellChildVisit);
        chart.Immunize(CvxCodes.Influenza, 400, checkUp);
        var allergy = chart.Allergy(
            SnomedCodes.PeanutAllergy,
            Category.Food,
            Criticality.High,
            SnomedCodes.Anaphylaxis,
            Severity.Severe,
            8 * 365);
        var emergency = chart.EmergencyVisit(330, SnomedCodes.Anaphylaxis, hours: 6);
        chart.Prescribe(RxNormCodes.EpinephrineAutoInjector, Dosing.AutoInjectorAsNeeded(), 330, encounter: emergency);
        chart.Note(emergency, LoincCodes.ProgressNote, "Emergency visit: anaphylaxis",
            "Lip swelling and wheeze ten minutes after a cookie with peanuts at school. Intramuscular epinephrine given, "
            + "observed six hours without recurrence. Auto-injector prescribed; allergy plan given to the school.");
        allergy.Reaction[0].Description = "Lip swelling and wheeze after eating peanuts";
    }

    private static void Jack(PatientChart chart)
    {
        var checkUp = chart.ClinicVisit(100, SnomedCodes.WellChildVisit);
        chart.Immunize(CvxCodes.Influenza, 100, checkUp);
        chart.Immunize(CvxCodes.HpvQuadrivalent, 100, checkUp);
        chart.Immunize(CvxCodes.Tdap, 4 * 365);
        chart.Immunize(CvxCodes.MeningococcalMcv4p, 4 * 365);
        var asthma = chart.Problem(SnomedCodes.ChildhoodAsthma, onsetDaysAgo: 3000);
        chart.Prescribe(RxNormCodes.Albuterol, Dosing.InhaledAsNeeded(2), 1000, asthma);
        var emergency = chart.EmergencyVisit(45, SnomedCodes.Concussion, hours: 3);
        chart.Diagnosis(SnomedCodes.Concussion, emergency, 45, resolvedAfterDays: 21);
    }

    private static void Chloe(PatientChart chart)
    {
        var checkUp = chart.ClinicVisit(200, SnomedCodes.WellChildVisit);
        chart.Immunize(CvxCodes.HpvQuadrivalent, 200, checkUp);
        chart.Immunize(CvxCodes.MeningococcalMcv4p, 200, checkUp);
        var visit = chart.ClinicVisit(25, SnomedCodes.EncounterForSymptom, SnomedCodes.ViralPharyngitis);
        var pharyngitis = chart.Diagnosis(SnomedCodes.ViralPharyngitis, visit, 25);
        chart.ReportsTaking(
            RxNormCodes.Acetaminophen325,
            Dosing.TabletAsNeeded(2, 3, "sore throat"),
            26,
            25,
            pharyngitis);
    }
}
