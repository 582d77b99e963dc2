using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests;

/// <summary>Small resources for tests, each with a unique identifier.</summary>
internal static class TestResources
{
    public const string IdentifierSystem = "urn:test:mrn";

    public static string UniqueValue() => Guid.NewGuid().ToString("N");

    public static Patient Patient(string? id = null, string? mrn = null, string family = "Test") => new()
    {
        Id = id,
        Name = [new HumanName { Family = family, Given = ["Ada"] }],
        Identifier = [new Identifier(IdentifierSystem, mrn ?? UniqueValue())],
        Gender = AdministrativeGender.Female,
    };

    public static Observation Observation(string patientReference) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
        Subject = new ResourceReference(patientReference),
        Value = new Quantity(72, "beats/minute"),
    };
}
