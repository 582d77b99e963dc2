using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Tests;

/// <summary>Reads typed values out of seed resources, failing the test when one is missing.</summary>
public static class FhirValues
{
    public static DateTimeOffset EffectiveOf(Observation observation) =>
        (observation.Effective as FhirDateTime)?.ToDateTimeOffset(TimeSpan.Zero)
        ?? throw new InvalidOperationException($"Observation/{observation.Id} has no effectiveDateTime.");

    public static decimal QuantityOf(DataType? value) =>
        (value as Quantity)?.Value ?? throw new InvalidOperationException("The value is not a Quantity with a number.");

    public static DateOnly BirthDateOf(Patient patient) =>
        DateOnly.Parse(patient.BirthDate ?? throw new InvalidOperationException($"Patient/{patient.Id} has no birth date."));
}
