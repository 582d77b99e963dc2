using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>Builds the RelatedPerson that records a parent acting for a child.</summary>
internal static class Guardianship
{
    private static readonly Concept Mother = new(Terminology.RoleCode, "MTH", "mother");

    public static RelatedPerson MotherOf(string childId, string motherPatientId, string motherName, SeedCalendar calendar)
    {
        var parts = motherName.Split(' ', 2);
        return new RelatedPerson
        {
            Id = $"rp-{motherPatientId["p-".Length..]}-for-{childId["p-".Length..]}",
            Active = true,
            Patient = References.To("Patient", childId),
            Relationship = [Mother.ToCodeableConcept()],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Given = [parts[0]], Family = parts[1] }],
            Gender = AdministrativeGender.Female,
            Period = new Period { Start = calendar.DateTime(calendar.DaysSince(calendar.ReferenceDate.AddYears(-3).AddDays(-61))).Value },
        };
    }
}
