using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>Turns the elements a search expression selects into index rows of the parameter's type.</summary>
internal static class ValueExtractor
{
    public static void AddString(IndexEntries entries, string param, Base value)
    {
        foreach (var text in GetStrings(value))
            entries.Strings.Add(new StringEntry(param, TextNormalizer.Normalize(text), text));
    }

    /// <summary>
    /// Returns the string parts of an element: every name part of a HumanName and every
    /// address part of an Address (the parts FHIR R4 string search covers), else its value.
    /// </summary>
    public static IEnumerable<string> GetStrings(Base value)
    {
        IEnumerable<string?> parts = value switch
        {
            HumanName name => [name.Text, name.Family, .. name.Given, .. name.Prefix, .. name.Suffix],
            Address address => [address.Text, .. address.Line, address.City, address.District, address.State, address.PostalCode, address.Country],
            PrimitiveType primitive => [Convert.ToString(primitive.JsonValue, CultureInfo.InvariantCulture)],
            CodeableConcept concept => [concept.Text, .. concept.Coding.Select(coding => coding.Display)],
            _ => [],
        };
        return parts.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!);
    }

    public static void AddToken(IndexEntries entries, string param, Base value)
    {
        foreach (var token in GetTokens(param, value))
            entries.Tokens.Add(token);
    }

    public static IEnumerable<TokenEntry> GetTokens(string param, Base value)
    {
        switch (value)
        {
            case Coding coding:
                yield return FromCoding(param, coding);
                break;
            case CodeableConcept concept:
                foreach (var coding in concept.Coding)
                    yield return FromCoding(param, coding);
                if (!string.IsNullOrWhiteSpace(concept.Text))
                    yield return new TokenEntry(param, null, null, TextNormalizer.Normalize(concept.Text), null, null);
                break;
            case Identifier identifier:
                var type = identifier.Type?.Coding.FirstOrDefault();
                yield return new TokenEntry(
                    param,
                    identifier.System,
                    identifier.Value,
                    Fold(identifier.Type?.Text),
                    type?.System,
                    type?.Code);
                break;
            case ContactPoint contact:
                yield return new TokenEntry(param, contact.System?.GetLiteral(), contact.Value, null, null, null);
                break;
            // Reading Value raises CodedValidationException for a value such as "x", which a
            // syntax-only parse lets through, so the write is rejected instead of indexed.
            case FhirBoolean boolean when boolean.Value is not null:
                yield return new TokenEntry(param, null, boolean.Value.Value ? "true" : "false", null, null, null);
                break;

            // The FHIRPath boolean that an expression such as Patient deceased returns carries a
            // bool, which Convert.ToString would spell "True".
            case PrimitiveType { JsonValue: bool flag }:
                yield return new TokenEntry(param, null, flag ? "true" : "false", null, null, null);
                break;
            case PrimitiveType primitive when EnumValueReader.TryReadCode(primitive, out var system, out var code):
                yield return new TokenEntry(param, system, code, null, null, null);
                break;
            case PrimitiveType primitive when primitive.JsonValue is not null:
                yield return new TokenEntry(param, null, Convert.ToString(primitive.JsonValue, CultureInfo.InvariantCulture), null, null, null);
                break;
        }
    }

    public static void AddDate(IndexEntries entries, string param, Base value)
    {
        foreach (var range in GetDates(value))
            entries.Dates.Add(new RangeEntry(param, range.Low, range.High));
    }

    public static IEnumerable<DateRange> GetDates(Base value)
    {
        switch (value)
        {
            case Period period:
                var hasStart = DateRange.TryParse(period.Start, out var start);
                var hasEnd = DateRange.TryParse(period.End, out var end);
                if (hasStart || hasEnd)
                    yield return new DateRange(hasStart ? start.Low : -DateRange.Unbounded, hasEnd ? end.High : DateRange.Unbounded);
                break;
            case Timing timing:
                foreach (var moment in timing.EventElement)
                {
                    if (DateRange.TryParse(moment.Value, out var range))
                        yield return range;
                }

                if (timing.Repeat?.Bounds is Period bounds)
                {
                    foreach (var range in GetDates(bounds))
                        yield return range;
                }

                break;
            case Instant instant when instant.Value is not null:
                var milliseconds = instant.Value.Value.ToUnixTimeMilliseconds();
                yield return new DateRange(milliseconds, milliseconds);
                break;
            case PrimitiveType primitive when DateRange.TryParse(primitive.ToString(), out var parsed):
                yield return parsed;
                break;
        }
    }

    public static void AddNumber(IndexEntries entries, string param, Base value)
    {
        if (value is PrimitiveType { JsonValue: not null } primitive && TryToDouble(primitive.JsonValue, out var number))
            entries.Numbers.Add(new RangeEntry(param, number, number));
        else if (value is Quantity { Value: not null } quantity)
            entries.Numbers.Add(new RangeEntry(param, (double)quantity.Value.Value, (double)quantity.Value.Value));
    }

    /// <summary>
    /// Adds a Quantity or Range in its stored unit and, when the unit is a UCUM unit that
    /// converts by a factor, once more in the canonical UCUM unit.
    /// </summary>
    public static void AddQuantity(IndexEntries entries, string param, Base value)
    {
        var before = entries.Quantities.Count;
        AddStoredQuantity(entries, param, value);
        for (var index = before; index < entries.Quantities.Count; index++)
        {
            var entry = entries.Quantities[index];
            if (UcumCanonicalizer.TryGetUnit(entry.System, entry.Code, out var unit))
                entries.CanonicalQuantities.Add(entry with { Code = unit.Code, Low = Scale(entry.Low, unit.Factor), High = Scale(entry.High, unit.Factor) });
        }
    }

    // The open ends of a Range stay open instead of overflowing to infinity.
    private static double Scale(double value, double factor) =>
        value is double.MinValue or double.MaxValue ? value : value * factor;

    private static void AddStoredQuantity(IndexEntries entries, string param, Base value)
    {
        switch (value)
        {
            case Quantity { Value: not null } quantity:
                var number = (double)quantity.Value.Value;
                entries.Quantities.Add(new QuantityEntry(param, quantity.System, quantity.Code, quantity.Unit, number, number));
                break;
            case Hl7.Fhir.Model.Range range when range.Low?.Value is not null || range.High?.Value is not null:
                var unit = range.Low ?? range.High!;
                entries.Quantities.Add(new QuantityEntry(
                    param,
                    unit.System,
                    unit.Code,
                    unit.Unit,
                    range.Low?.Value is { } low ? (double)low : double.MinValue,
                    range.High?.Value is { } high ? (double)high : double.MaxValue));
                break;
        }
    }

    public static void AddReference(IndexEntries entries, string param, Base value)
    {
        switch (value)
        {
            case ResourceReference reference:
                AddLiteralReference(entries, param, reference.Reference);
                if (reference.Identifier is { Value: not null } identifier)
                    entries.References.Add(new ReferenceEntry(param, null, null, null, identifier.System, identifier.Value));
                break;
            case PrimitiveType { JsonValue: string url }:
                AddLiteralReference(entries, param, url);
                break;
        }
    }

    public static void AddUri(IndexEntries entries, string param, Base value)
    {
        if (value is PrimitiveType { JsonValue: string uri } && uri.Length > 0)
            entries.Uris.Add(new UriEntry(param, uri));
    }

    public static bool TryToDouble(object value, out double number)
    {
        switch (value)
        {
            case decimal decimalValue:
                number = (double)decimalValue;
                return true;
            case int intValue:
                number = intValue;
                return true;
            case long longValue:
                number = longValue;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private static void AddLiteralReference(IndexEntries entries, string param, string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return;

        // NOTE: the public base URL is unknown at write time, so an absolute URL is also
        // indexed by its type and id, and another server's Patient/x9 matches subject=x9 too.
        var url = ReferenceParser.IsAbsolute(reference) ? reference : null;
        if (ReferenceParser.TryParse(reference, out var type, out var id))
            entries.References.Add(new ReferenceEntry(param, type, id, url, null, null));
        else if (url is not null)
            entries.References.Add(new ReferenceEntry(param, null, null, url, null, null));
    }

    private static TokenEntry FromCoding(string param, Coding coding) =>
        new(param, coding.System, coding.Code, Fold(coding.Display), null, null);

    private static string? Fold(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TextNormalizer.Normalize(text);
}
