using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>One code from a code system, with the display the code system gives it.</summary>
internal sealed record Concept(string System, string Code, string Display)
{
    public Coding ToCoding() => new(System, Code, Display);

    public CodeableConcept ToCodeableConcept() => new()
    {
        Coding = [ToCoding()],
        Text = Display,
    };
}
