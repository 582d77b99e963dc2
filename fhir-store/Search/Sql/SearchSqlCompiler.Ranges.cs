using System.Globalization;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>Date, number, quantity and composite conditions, which compare ranges.</summary>
internal sealed partial class SearchSqlCompiler
{
    private string CompileDate(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, [null]);
        return Membership("search_date", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
            DateMatch(clause, $"{s}.low", $"{s}.high", value)), drive);
    }

    private string CompileLastUpdated(string alias, SearchClause clause)
    {
        RequireModifier(clause, [null]);
        var parts = clause.Values.Select(value => DateMatch(clause, $"{alias}.last_updated", $"{alias}.last_updated", value));
        return "(" + string.Join(" OR ", parts.Select(part => "(" + part + ")")) + ")";
    }

    private string DateMatch(SearchClause clause, string low, string high, string text)
    {
        var (prefix, value) = SearchPrefixParser.Split(text);
        if (!DateRange.TryParse(value, out var range))
            throw new UnsupportedParameterException(clause.Name, $"'{text}' is not a valid FHIR date for '{clause.Name}'.");

        var searchLow = range.Low;
        var searchHigh = range.High;
        if (prefix == SearchPrefix.Ap)
        {
            var margin = Math.Max((long)(Math.Abs(nowMilliseconds - range.Low) * 0.1), 86_400_000L);
            searchLow -= margin;
            searchHigh += margin;
        }

        return SearchPrefixParser.Compare(prefix, low, high, Context.Add(searchLow), Context.Add(searchHigh));
    }

    private string CompileNumber(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, [null]);
        return Membership("search_number", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
            NumberMatch(clause, $"{s}.low", $"{s}.high", value)), drive);
    }

    /// <summary>
    /// Matches each value in its stored unit and, for a UCUM unit, also in the canonical unit,
    /// so that <c>5400|http://unitsofmeasure.org|g</c> finds a stored 5.4 kg.
    /// </summary>
    private string CompileQuantity(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, [null]);
        var conditions = clause.Values.Select(value => QuantityCondition(alias, type, parameter, clause, value, drive)).ToList();
        return conditions.Count == 1 ? conditions[0] : "(" + string.Join(" OR ", conditions) + ")";
    }

    private string QuantityCondition(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, string value, bool drive)
    {
        var parts = value.Split('|');
        var stored = Membership("search_quantity", alias, type, parameter.Name, s =>
            NumberMatch(clause, $"{s}.low", $"{s}.high", parts[0]) + UnitMatch(s, parts), drive);
        if (parts.Length < 3 || !UcumCanonicalizer.TryGetUnit(parts[1], parts[2], out var unit))
            return stored;

        var canonical = Membership("search_quantity_canonical", alias, type, parameter.Name, s =>
            NumberMatch(clause, $"{s}.low", $"{s}.high", parts[0], unit.Factor) + $" AND {s}.code = {Context.Add(unit.Code)}", drive);
        return $"({stored} OR {canonical})";
    }

    /// <summary>Matches <c>|system|code</c> on the code, or <c>||unit</c> on the code or the human-readable unit.</summary>
    private string UnitMatch(string row, string[] parts)
    {
        if (parts.Length < 3 || parts[2].Length == 0)
            return string.Empty;

        var unit = Context.Add(parts[2]);
        return parts[1].Length == 0
            ? $" AND ({row}.code = {unit} OR {row}.unit = {unit})"
            : $" AND {row}.code = {unit} AND {row}.system = {Context.Add(parts[1])}";
    }

    /// <summary>
    /// Compares a stored number range with a search number whose precision sets its range:
    /// <c>100</c> covers [99.5, 100.5) and <c>1e2</c> covers [50, 150), as FHIR R4 specifies.
    /// </summary>
    private string NumberMatch(SearchClause clause, string low, string high, string text, double factor = 1)
    {
        var (prefix, value) = SearchPrefixParser.Split(text);
        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new UnsupportedParameterException(clause.Name, $"'{text}' is not a valid number for '{clause.Name}'.");

        var exact = (double)number;
        if (prefix is SearchPrefix.Eq or SearchPrefix.Ne or SearchPrefix.Ap)
        {
            var half = prefix == SearchPrefix.Ap ? Math.Abs(exact) * 0.1 : HalfUnitOfPrecision(value);
            return SearchPrefixParser.Compare(prefix, low, high, Context.Add((exact - half) * factor), Context.Add((exact + half) * factor))
                .Replace($"{high} <= ", $"{high} < ", StringComparison.Ordinal);
        }

        var placeholder = Context.Add(exact * factor);
        return SearchPrefixParser.Compare(prefix, low, high, placeholder, placeholder);
    }

    private static double HalfUnitOfPrecision(string value)
    {
        var mantissa = value;
        var exponent = 0;
        var e = value.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            mantissa = value[..e];
            exponent = int.Parse(value[(e + 1)..], CultureInfo.InvariantCulture);
        }

        var dot = mantissa.IndexOf('.');
        var decimals = dot < 0 ? 0 : mantissa.Length - dot - 1;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }

    private string CompileComposite(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        RequireModifier(clause, [null]);
        var second = parameter.Components[1].Type;
        return Membership("search_composite", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
        {
            var parts = value.Split('$');
            if (parts.Length != 2)
                throw new UnsupportedParameterException(clause.Name, $"A composite value reads first$second, got '{value}'.");

            var first = TokenMatch(clause, s, "system1", "code1", parts[0]);
            return first + " AND " + CompositeSecond(clause, s, second, parts[1]);
        }), drive);
    }

    private string CompositeSecond(SearchClause clause, string row, SearchParamType type, string value)
    {
        switch (type)
        {
            case SearchParamType.Token:
                return TokenMatch(clause, row, "system2", "code2", value);
            case SearchParamType.Quantity:
                return CompositeQuantity(clause, row, value);
            case SearchParamType.Date:
                return DateMatch(clause, $"{row}.low2", $"{row}.high2", value);
            case SearchParamType.String:
                return PrefixMatch($"{row}.text2", TextNormalizer.Normalize(value));
            default:
                throw new UnsupportedParameterException(clause.Name, $"The composite parameter '{clause.Name}' is not supported.");
        }
    }

    /// <summary>
    /// Matches the quantity part of a composite in its stored unit and, for a UCUM unit, also
    /// on the rows indexed in the canonical unit, as a plain quantity parameter does.
    /// </summary>
    private string CompositeQuantity(SearchClause clause, string row, string value)
    {
        var parts = value.Split('|');
        var canonicalSystem = Context.Add(CompositeExtractor.CanonicalUnitSystem);
        var stored = NumberMatch(clause, $"{row}.low2", $"{row}.high2", parts[0]) + CompositeUnitMatch(row, parts) +
            $" AND ({row}.system2 IS NULL OR {row}.system2 <> {canonicalSystem})";
        if (parts.Length < 3 || !UcumCanonicalizer.TryGetUnit(parts[1], parts[2], out var canonicalUnit))
            return stored;

        var canonical = NumberMatch(clause, $"{row}.low2", $"{row}.high2", parts[0], canonicalUnit.Factor) +
            $" AND {row}.code2 = {Context.Add(canonicalUnit.Code)} AND {row}.system2 = {canonicalSystem}";
        return $"(({stored}) OR ({canonical}))";
    }

    /// <summary>
    /// Matches <c>|system|code</c> on the code and the system, or <c>||unit</c> on the code, as
    /// <see cref="UnitMatch"/> does. A composite row stores the code, or the human-readable unit
    /// when the quantity has no code, in <c>code2</c> and the system in <c>system2</c>.
    /// </summary>
    private string CompositeUnitMatch(string row, string[] parts)
    {
        if (parts.Length < 3 || parts[2].Length == 0)
            return string.Empty;

        var unit = $" AND {row}.code2 = {Context.Add(parts[2])}";
        return parts[1].Length == 0 ? unit : $"{unit} AND {row}.system2 = {Context.Add(parts[1])}";
    }
}
