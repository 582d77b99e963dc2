using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>The practitioners of the seed sites and their roles.</summary>
internal static class Staff
{
    public const string InternistId = "pr-sarah-mitchell";
    public const string PediatricianId = "pr-james-okafor";
    public const string FamilyPhysicianId = "pr-helen-park";
    public const string EmergencyPhysicianId = "pr-thomas-becker";
    public const string NurseId = "pr-maria-lopez";
    public const string PharmacistId = "pr-david-cohen";
    public const string ResidentId = "pr-priya-raman";
    public const string SurgeonId = "pr-omar-farouk";

    private static readonly StaffMember[] Members =
    [
        new(InternistId, "Sarah", "Mitchell", "Dr.", AdministrativeGender.Female, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.GeneralMedicine, CareSites.HospitalId, "1902837465"),
        new(PediatricianId, "James", "Okafor", "Dr.", AdministrativeGender.Male, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.Pediatrics, CareSites.PediatricClinicId, "1845726390"),
        new(FamilyPhysicianId, "Helen", "Park", "Dr.", AdministrativeGender.Female, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.FamilyPractice, CareSites.FamilyClinicId, "1639284750"),
        new(EmergencyPhysicianId, "Thomas", "Becker", "Dr.", AdministrativeGender.Male, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.EmergencyMedicine, CareSites.HospitalId, "1578392046"),
        new(NurseId, "María", "López", null, AdministrativeGender.Female, "RN", "Registered Nurse", "nurse", "Nurse", SnomedCodes.GeneralMedicine, CareSites.HospitalId, "1457839201"),
        new(PharmacistId, "David", "Cohen", null, AdministrativeGender.Male, "PharmD", "Doctor of Pharmacy", "pharmacist", "Pharmacist", SnomedCodes.GeneralMedicine, CareSites.HospitalId, "1346728590"),
        new(SurgeonId, "Omar", "Farouk", "Dr.", AdministrativeGender.Male, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.GeneralSurgery, CareSites.HospitalId, "1184736529"),
        new(ResidentId, "Priya", "Raman", "Dr.", AdministrativeGender.Female, "MD", "Doctor of Medicine", "doctor", "Doctor", SnomedCodes.GeneralMedicine, CareSites.HospitalId, "1295847361"),
    ];

    /// <summary>Returns the display name of a practitioner, as references show it.</summary>
    public static string DisplayName(string practitionerId)
    {
        var member = Members.Single(m => m.Id == practitionerId);
        return member.Prefix is null ? $"{member.Given} {member.Family}" : $"{member.Prefix} {member.Given} {member.Family}";
    }

    public static ResourceReference Reference(string practitionerId) =>
        References.To("Practitioner", practitionerId, DisplayName(practitionerId));

    public static IEnumerable<Resource> Create()
    {
        foreach (var member in Members)
        {
            yield return Practitioner(member);
            yield return Role(member);
        }
    }

    private static Practitioner Practitioner(StaffMember member) => new()
    {
        Id = member.Id,
        Identifier = [new Identifier(Terminology.Npi, member.Npi)],
        Active = true,
        Name = [Name(member)],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, $"{member.Id["pr-".Length..]}@riverside-hospital.example.org")],
        Gender = member.Gender,
        Qualification =
        [
            new Practitioner.QualificationComponent
            {
                Code = new Concept(Terminology.Degree, member.DegreeCode, member.DegreeDisplay).ToCodeableConcept(),
            },
        ],
    };

    private static HumanName Name(StaffMember member)
    {
        var name = new HumanName { Use = HumanName.NameUse.Official, Family = member.Family, Given = [member.Given] };
        if (member.Prefix is not null)
            name.Prefix = [member.Prefix];

        return name;
    }

    private static PractitionerRole Role(StaffMember member) => new()
    {
        Id = $"role-{member.Id["pr-".Length..]}",
        Active = true,
        Practitioner = Reference(member.Id),
        Organization = References.To("Organization", member.OrganizationId),
        Code = [new Concept(Terminology.PractitionerRole, member.RoleCode, member.RoleDisplay).ToCodeableConcept()],
        Specialty = [member.Specialty.ToCodeableConcept()],
    };

    private sealed record StaffMember(
        string Id,
        string Given,
        string Family,
        string? Prefix,
        AdministrativeGender Gender,
        string DegreeCode,
        string DegreeDisplay,
        string RoleCode,
        string RoleDisplay,
        Concept Specialty,
        string OrganizationId,
        string Npi);
}
