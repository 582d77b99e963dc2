using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// Indexes a composite parameter from its two components, each evaluated against the
/// element the composite expression selects (an Observation, or one of its components),
/// so that <c>code-value-quantity</c> pairs a code with the value of the same element.
/// </summary>
internal static class CompositeExtractor
{
    /// <summary>
    /// The <c>system2</c> of the extra row that a UCUM quantity gets in its canonical unit,
    /// so that searches in the stored unit can leave those rows out.
    /// </summary>
    public const string CanonicalUnitSystem = "urn:sandbox:ucum-canonical";

    public static void Add(
        IndexEntries entries,
        SearchParameterInfo parameter,
        Base node,
        FhirEvaluationContext context)
    {
        var first = parameter.Components[0];
        var second = parameter.Components[1];
        if (first.Type != SearchParamType.Token)
            return;

        var codes = first.Expression.Select(node, context)
            .SelectMany(value => ValueExtractor.GetTokens(parameter.Name, value))
            .Where(token => token.Code is not null)
            .ToList();
        if (codes.Count == 0)
            return;

        foreach (var value in second.Expression.Select(node, context))
        {
            foreach (var code in codes)
            {
                foreach (var entry in Pair(parameter.Name, code, second.Type, value))
                    entries.Composites.Add(entry);
            }
        }
    }

    private static IEnumerable<CompositeEntry> Pair(string param, TokenEntry code, SearchParamType type, Base value)
    {
        switch (type)
        {
            case SearchParamType.Token:
                foreach (var token in ValueExtractor.GetTokens(param, value))
                    yield return new(param, code.System, code.Code, token.System, token.Code, null, null, null);
                break;
            case SearchParamType.Quantity when value is Quantity { Value: not null } quantity:
                var number = (double)quantity.Value.Value;
                yield return new(param, code.System, code.Code, quantity.System, quantity.Code ?? quantity.Unit, number, number, null);
                if (UcumCanonicalizer.TryGetUnit(quantity.System, quantity.Code, out var unit))
                {
                    var canonical = number * unit.Factor;
                    yield return new(param, code.System, code.Code, CanonicalUnitSystem, unit.Code, canonical, canonical, null);
                }

                break;
            case SearchParamType.Date:
                foreach (var range in ValueExtractor.GetDates(value))
                    yield return new(param, code.System, code.Code, null, null, range.Low, range.High, null);
                break;
            case SearchParamType.String:
                foreach (var text in ValueExtractor.GetStrings(value))
                    yield return new(param, code.System, code.Code, null, null, null, null, TextNormalizer.Normalize(text));
                break;
        }
    }
}
