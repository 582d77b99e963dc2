using System.Globalization;
using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>Builds the Patient resource of a seed profile.</summary>
internal static class PatientFactory
{
    private static readonly Concept MedicalRecordNumber = new(Terminology.IdentifierType, "MR", "Medical record number");
    private static readonly Concept NextOfKin = new(Terminology.ContactRelationship, "N", "Next-of-Kin");

    public static string DisplayName(PatientProfile profile) => $"{string.Join(' ', profile.Given)} {profile.Family}";

    /// <summary>Returns the birth date that gives the profile its age on the reference date.</summary>
    public static DateOnly BirthDate(PatientProfile profile, SeedCalendar calendar) =>
        calendar.ReferenceDate.AddYears(-profile.AgeYears).AddDays(-profile.AgeDays);

    public static Patient Create(PatientProfile profile, int index, SeedCalendar calendar)
    {
        var patient = new Patient
        {
            Id = profile.Id,
            Identifier = [Mrn(index)],
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = profile.Family, Given = profile.Given }],
            Telecom =
            [
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, profile.Phone),
                new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, $"{profile.Slug}@mail.example.org"),
            ],
            Gender = profile.Gender,
            BirthDate = SeedCalendar.Format(BirthDate(profile, calendar)),
            Address = [SeedAddresses.Home(profile.Street, profile.PostalCode)],
            GeneralPractitioner = [Staff.Reference(profile.GeneralPractitionerId)],
            ManagingOrganization = References.To("Organization", profile.ManagingOrganizationId),
        };
        AddOptionalDetails(patient, profile, calendar);
        return patient;
    }

    private static void AddOptionalDetails(Patient patient, PatientProfile profile, SeedCalendar calendar)
    {
        if (profile.DiedDaysAgo is { } died)
        {
            patient.Deceased = calendar.DateTime(died, 3, 40);
            patient.Active = false;
        }

        if (profile.BirthOrder is { } order)
            patient.MultipleBirth = new Integer(order);

        if (profile.PreferredLanguage is { } language)
        {
            var concept = new Concept(Terminology.Bcp47, language.Code, language.Display);
            patient.Communication =
            [
                new Patient.CommunicationComponent { Language = concept.ToCodeableConcept(), Preferred = true },
            ];
        }

        if (profile.Guardian is { } guardian)
        {
            patient.Contact =
            [
                new Patient.ContactComponent
                {
                    Relationship = [NextOfKin.ToCodeableConcept()],
                    Name = new HumanName { Use = HumanName.NameUse.Official, Family = guardian.Family, Given = [guardian.Given] },
                    Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, guardian.Phone)],
                },
            ];
        }
    }

    private static Identifier Mrn(int index) => new()
    {
        Use = Identifier.IdentifierUse.Usual,
        Type = MedicalRecordNumber.ToCodeableConcept(),
        System = Terminology.MrnSystem,
        Value = string.Create(CultureInfo.InvariantCulture, $"RCH{100231 + (index * 17):D7}"),
        Assigner = References.To("Organization", CareSites.HospitalId, "Riverside Community Hospital"),
    };
}
