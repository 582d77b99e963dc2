using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    private static readonly Concept Ambulatory = new(Terminology.ActCode, "AMB", "ambulatory");
    private static readonly Concept Emergency = new(Terminology.ActCode, "EMER", "emergency");
    private static readonly Concept Inpatient = new(Terminology.ActCode, "IMP", "inpatient encounter");
    private static readonly Concept PrimaryPerformer = new(Terminology.ParticipationType, "PPRF", "primary performer");
    private static readonly Concept Attender = new(Terminology.ParticipationType, "ATND", "attender");
    private static readonly Concept Admitter = new(Terminology.ParticipationType, "ADM", "admitter");
    private static readonly Concept DischargedHome = new(Terminology.DischargeDisposition, "home", "Home");
    private static readonly Concept Expired = new(Terminology.DischargeDisposition, "exp", "Expired");

    /// <summary>Adds an ambulatory visit at the patient's clinic, with vital signs taken.</summary>
    public Encounter ClinicVisit(int daysAgo, Concept type, Concept? reason = null, string? practitionerId = null)
    {
        var encounter = NewEncounter(Ambulatory, type, reason, practitionerId ?? Profile.GeneralPractitionerId);
        encounter.Period = Calendar.Visit(daysAgo, 9 + (daysAgo % 7), 30);
        encounter.Location = [LocationOf(ClinicLocationId)];
        encounter.ServiceProvider = References.To("Organization", Profile.ManagingOrganizationId);
        Add("enc", encounter);
        VitalSigns(encounter, daysAgo);
        return encounter;
    }

    /// <summary>Adds an emergency department visit of a few hours, with vital signs taken.</summary>
    public Encounter EmergencyVisit(int daysAgo, Concept reason, int hours = 4)
    {
        var encounter = NewEncounter(Emergency, SnomedCodes.EmergencyRoomAdmission, reason, Staff.EmergencyPhysicianId);
        encounter.Period = Calendar.Visit(daysAgo, 18, hours * 60);
        encounter.Location = [LocationOf(CareSites.EmergencyDepartmentId)];
        encounter.ServiceProvider = References.To("Organization", CareSites.HospitalId);
        Add("enc", encounter);
        VitalSigns(encounter, daysAgo);
        return encounter;
    }

    /// <summary>Adds an inpatient stay on a ward, admitted by the emergency physician, ending in discharge home or death.</summary>
    public Encounter HospitalStay(
        int admittedDaysAgo,
        int dischargedDaysAgo,
        Concept reason,
        string wardId,
        string attendingId,
        bool diedInHospital = false)
    {
        var encounter = NewEncounter(Inpatient, SnomedCodes.EmergencyHospitalAdmission, reason, attendingId);
        encounter.Participant.Add(Participant(Admitter, Staff.EmergencyPhysicianId));
        encounter.Period = Calendar.Stay(admittedDaysAgo, dischargedDaysAgo);
        encounter.Length = new Duration { Value = admittedDaysAgo - dischargedDaysAgo, Unit = "days", System = Terminology.Ucum, Code = "d" };
        encounter.Location = [LocationOf(wardId)];
        encounter.ServiceProvider = References.To("Organization", CareSites.HospitalId);
        encounter.Hospitalization = new Encounter.HospitalizationComponent
        {
            DischargeDisposition = (diedInHospital ? Expired : DischargedHome).ToCodeableConcept(),
        };
        Add("enc", encounter);
        VitalSigns(encounter, admittedDaysAgo);
        return encounter;
    }

    private Encounter NewEncounter(Concept encounterClass, Concept type, Concept? reason, string practitionerId)
    {
        var encounter = new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = encounterClass.ToCoding(),
            Type = [type.ToCodeableConcept()],
            Subject = Subject,
            Participant = [Participant(encounterClass == Inpatient ? Attender : PrimaryPerformer, practitionerId)],
        };
        if (reason is not null)
            encounter.ReasonCode = [reason.ToCodeableConcept()];

        return encounter;
    }

    private static Encounter.ParticipantComponent Participant(Concept role, string practitionerId) => new()
    {
        Type = [role.ToCodeableConcept()],
        Individual = Staff.Reference(practitionerId),
    };

    private static Encounter.LocationComponent LocationOf(string locationId) => new()
    {
        Location = References.To("Location", locationId),
        Status = Encounter.EncounterLocationStatus.Completed,
    };

    private string ClinicLocationId => Profile.ManagingOrganizationId == CareSites.PediatricClinicId
        ? CareSites.PediatricClinicSiteId
        : CareSites.FamilyClinicSiteId;

    private static string StartOf(Encounter encounter) =>
        encounter.Period?.Start ?? throw new InvalidOperationException($"Encounter {encounter.Id} has no period start.");

    private static Period CopyPeriod(Encounter encounter) => new() { Start = StartOf(encounter), End = encounter.Period?.End };

    private int DaysAgoOf(Encounter encounter)
    {
        var start = DateOnly.ParseExact(
            StartOf(encounter)[..10],
            "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture);
        return Calendar.DaysSince(start);
    }

    private static string PractitionerOf(Encounter encounter) =>
        encounter.Participant[0].Individual?.Reference?["Practitioner/".Length..]
        ?? throw new InvalidOperationException($"Encounter {encounter.Id} has no practitioner.");
}
