using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>The fictional hospital and two clinics where the seed patients are treated, with their locations.</summary>
internal static class CareSites
{
    public const string HospitalId = "org-riverside-hospital";
    public const string FamilyClinicId = "org-northside-family-clinic";
    public const string PediatricClinicId = "org-harbor-pediatrics";

    public const string EmergencyDepartmentId = "loc-riverside-emergency";
    public const string MedicalWardId = "loc-riverside-ward-3west";
    public const string SurgicalWardId = "loc-riverside-ward-4east";
    public const string HospitalPharmacyId = "loc-riverside-pharmacy";
    public const string FamilyClinicSiteId = "loc-northside-clinic";
    public const string PediatricClinicSiteId = "loc-harbor-pediatrics";

    public static IEnumerable<Resource> Create()
    {
        yield return Organization(HospitalId, "Riverside Community Hospital", "1200 River Road", "+1-555-0100");
        yield return Organization(FamilyClinicId, "Northside Family Clinic", "48 Maple Avenue", "+1-555-0140");
        yield return Organization(PediatricClinicId, "Harbor Pediatrics", "7 Harbor Street", "+1-555-0170");

        yield return Location(
            EmergencyDepartmentId,
            "Riverside Emergency Department",
            HospitalId,
            "ER",
            "Emergency room",
            "wi",
            "Wing");
        yield return Location(
            MedicalWardId,
            "Riverside Ward 3 West (Medicine)",
            HospitalId,
            "HU",
            "Hospital unit",
            "wa",
            "Ward");
        yield return Location(
            SurgicalWardId,
            "Riverside Ward 4 East (Surgery)",
            HospitalId,
            "HU",
            "Hospital unit",
            "wa",
            "Ward");
        yield return Location(
            HospitalPharmacyId,
            "Riverside Outpatient Pharmacy",
            HospitalId,
            "OUTPHARM",
            "outpatient pharmacy",
            "ro",
            "Room");
        yield return Location(
            FamilyClinicSiteId,
            "Northside Family Clinic",
            FamilyClinicId,
            "FMC",
            "Family medicine clinic",
            "bu",
            "Building");
        yield return Location(
            PediatricClinicSiteId,
            "Harbor Pediatrics",
            PediatricClinicId,
            "PEDC",
            "Pediatrics clinic",
            "bu",
            "Building");
    }

    private static Organization Organization(string id, string name, string street, string phone) => new()
    {
        Id = id,
        Active = true,
        Type = [new Concept(Terminology.OrganizationType, "prov", "Healthcare Provider").ToCodeableConcept()],
        Name = name,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone)],
        Address = [SeedAddresses.Riverton(street)],
    };

    private static Location Location(
        string id,
        string name,
        string organizationId,
        string roleCode,
        string roleDisplay,
        string physicalTypeCode,
        string physicalTypeDisplay) => new()
    {
        Id = id,
        Status = Hl7.Fhir.Model.Location.LocationStatus.Active,
        Name = name,
        Mode = Hl7.Fhir.Model.Location.LocationMode.Instance,
        Type = [new Concept(Terminology.RoleCode, roleCode, roleDisplay).ToCodeableConcept()],
        PhysicalType = new Concept(Terminology.LocationPhysicalType, physicalTypeCode, physicalTypeDisplay).ToCodeableConcept(),
        ManagingOrganization = References.To("Organization", organizationId),
    };
}
