using System.Globalization;
using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

/// <summary>Turns FHIR datatypes into the short text an EHR screen shows.</summary>
public static class FhirDisplay
{
    /// <summary>The text shown for a value that the record does not contain.</summary>
    public const string Missing = "—";

    /// <summary>Returns the concept's text, else the first coding's display, else its code.</summary>
    public static string Concept(CodeableConcept? concept)
    {
        if (concept is null)
            return Missing;
        if (!string.IsNullOrWhiteSpace(concept.Text))
            return concept.Text;

        var coding = concept.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Display))
            ?? concept.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code));
        return coding?.Display ?? coding?.Code ?? Missing;
    }

    /// <summary>Returns the display of the first coding of a status concept, capitalised.</summary>
    public static string Status(CodeableConcept? concept)
    {
        var code = concept?.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Code))?.Code;
        return code is null ? Concept(concept) : Code(code);
    }

    /// <summary>Turns a code such as <c>entered-in-error</c> into <c>Entered in error</c>.</summary>
    public static string Code(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return Missing;

        var words = code.Replace('-', ' ').Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>Returns the enum's FHIR literal as readable text, such as <c>Entered in error</c>.</summary>
    public static string Code<TEnum>(TEnum? value)
        where TEnum : struct, Enum
    {
        return value is null ? Missing : Code(Hl7.Fhir.Utility.EnumUtility.GetLiteral(value.Value));
    }

    /// <summary>
    /// Formats a person's name as "Family, Given Middle", preferring the official and then
    /// the usual name. Old and maiden names are used only when the person has no other.
    /// </summary>
    public static string PersonName(IEnumerable<HumanName> names)
    {
        var candidates = names.ToList();
        var name = candidates.FirstOrDefault(n => n.Use == HumanName.NameUse.Official)
            ?? candidates.FirstOrDefault(n => n.Use == HumanName.NameUse.Usual)
            ?? candidates.FirstOrDefault(n => n.Use is not HumanName.NameUse.Old and not HumanName.NameUse.Maiden)
            ?? candidates.FirstOrDefault();
        if (name is null)
            return "Unnamed";

        var given = string.Join(' ', name.Given.Where(g => !string.IsNullOrWhiteSpace(g)));
        if (!string.IsNullOrWhiteSpace(name.Family))
            return given.Length == 0 ? name.Family : $"{name.Family}, {given}";

        return given.Length > 0 ? given : name.Text ?? "Unnamed";
    }

    /// <summary>Returns the reference's display, else the reference itself.</summary>
    public static string Reference(ResourceReference? reference)
    {
        if (reference is null)
            return Missing;
        return reference.Display ?? reference.Reference ?? Missing;
    }

    /// <summary>Formats a quantity as "120 mmHg", with at most two decimals.</summary>
    public static string Quantity(Quantity? quantity)
    {
        if (quantity?.Value is null)
            return Missing;

        var number = Number(quantity.Value.Value);
        var unit = quantity.Unit ?? quantity.Code;
        return string.IsNullOrWhiteSpace(unit) ? number : $"{number} {unit}";
    }

    /// <summary>Formats a number with at most two decimals, in the invariant culture.</summary>
    public static string Number(decimal value) =>
        value.ToString("0.##", CultureInfo.InvariantCulture);
}
