using Hl7.Fhir.Model;
using Sandbox.EhrUi.Presentation.Charts;

namespace Sandbox.EhrUi.Presentation;

/// <summary>Describes the value and reference range of an Observation as text.</summary>
public static class ObservationValues
{
    /// <summary>
    /// Describes the observation's value. The components of an observation such as a blood
    /// pressure are joined as "120/80 mmHg" when they share a unit.
    /// </summary>
    public static string Describe(Observation observation)
    {
        if (observation.Value is not null)
            return Describe(observation.Value);
        if (observation.Component.Count == 0)
            return observation.DataAbsentReason is null ? FhirDisplay.Missing : FhirDisplay.Concept(observation.DataAbsentReason);

        var quantities = observation.Component.Select(c => c.Value as Quantity).ToList();
        var units = quantities.Select(q => q?.Unit).Distinct().ToList();
        if (quantities.All(q => q?.Value is not null) && units.Count == 1)
        {
            var numbers = string.Join('/', quantities.Select(q => FhirDisplay.Number(q!.Value!.Value)));
            return units[0] is null ? numbers : $"{numbers} {units[0]}";
        }

        var parts = observation.Component.Select(c => $"{FhirDisplay.Concept(c.Code)}: {Describe(c.Value)}");
        return string.Join("; ", parts);
    }

    /// <summary>Describes one value of the <c>value[x]</c> choice.</summary>
    public static string Describe(DataType? value) => value switch
    {
        Quantity quantity => FhirDisplay.Quantity(quantity),
        CodeableConcept concept => FhirDisplay.Concept(concept),
        FhirString text => text.Value ?? FhirDisplay.Missing,
        FhirBoolean flag => flag.Value is null ? FhirDisplay.Missing : flag.Value.Value ? "Yes" : "No",
        Integer number => number.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? FhirDisplay.Missing,
        FhirDateTime dateTime => FhirDates.FormatDateTime(dateTime.Value),
        Period period => $"{FhirDates.FormatDateTime(period.Start)} – {FhirDates.FormatDateTime(period.End)}",
        null => FhirDisplay.Missing,
        _ => value.TypeName,
    };

    /// <summary>Returns the numeric bounds of a reference range, or null when it has none.</summary>
    public static ReferenceRange? Range(Observation.ReferenceRangeComponent? range)
    {
        var low = range?.Low?.Value;
        var high = range?.High?.Value;
        return low is null && high is null ? null : new ReferenceRange(low, high);
    }

    /// <summary>Describes a reference range as "3.5–5.0 mmol/L", or by its text.</summary>
    public static string DescribeRange(Observation.ReferenceRangeComponent? range)
    {
        if (range is null)
            return FhirDisplay.Missing;

        var bounds = Range(range);
        if (bounds is null)
            return range.Text ?? FhirDisplay.Missing;

        var unit = range.Low?.Unit ?? range.High?.Unit;
        return unit is null ? bounds.ToString() : $"{bounds} {unit}";
    }
}
