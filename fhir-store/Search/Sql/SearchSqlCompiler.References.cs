using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>Reference conditions, chaining and <c>_has</c>. Every resource reached through a chain is filtered by the caller's grant.</summary>
internal sealed partial class SearchSqlCompiler
{
    private string CompileReference(string alias, string? type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        var typeModifier = clause.Modifier is { } modifier && modifier != "identifier" ? modifier : null;
        if (typeModifier is not null && !ModelInfo.IsKnownResource(typeModifier))
            RequireModifier(clause, null, "identifier");

        return Membership("search_reference", alias, type, parameter.Name, row => AnyValue(clause, row, (s, value) =>
            clause.Modifier == "identifier"
                ? TokenMatch(clause, s, "identifier_system", "identifier_value", value)
                : ReferenceMatch(s, typeModifier, value)), drive);
    }

    private string ReferenceMatch(string row, string? typeModifier, string value)
    {
        var relative = value.StartsWith(baseUrl + "/", StringComparison.Ordinal) ? value[(baseUrl.Length + 1)..] : value;
        if (ReferenceParser.IsAbsolute(relative))
            return $"{row}.url = {Context.Add(relative)}";

        if (ReferenceParser.TryParse(relative, out var targetType, out var targetId))
            return $"{row}.target_id = {Context.Add(targetId)} AND {row}.target_type = {Context.Add(targetType)}";

        var typeMatch = typeModifier is null ? string.Empty : $" AND {row}.target_type = {Context.Add(typeModifier)}";
        return $"{row}.target_id = {Context.Add(relative)}{typeMatch}";
    }

    /// <summary>
    /// Compiles <c>subject:Patient.name=x</c>: the reference must point at a current resource
    /// of a target type that matches the chained condition and that the grant lets the caller search.
    /// </summary>
    private string CompileChain(string alias, string type, SearchParameterInfo parameter, SearchClause clause, bool drive)
    {
        if (parameter.Type != SearchParamType.Reference)
            throw new UnsupportedParameterException(clause.Name, $"Only reference parameters can be chained; '{clause.Name}' is a {parameter.Type}.");

        var inner = SearchClause.Parse(clause.Chain!, string.Join(",", clause.Values.Select(EscapeComma)));
        var targetTypes = (clause.Modifier is null ? parameter.Targets : [clause.Modifier])
            .Where(target => catalog.Find(target, inner.Name) is not null || inner.Name is "_id" or "_has")
            .ToList();
        if (targetTypes.Count == 0)
            throw new UnsupportedParameterException(clause.Name, $"No target type of '{clause.Name}' has a search parameter '{inner.Name}'.");

        var reference = Context.NewAlias("c");
        var target = Context.NewAlias("t");
        var perType = targetTypes.Select(targetType =>
            $"({target}.resource_type = {Context.Add(targetType)} AND {CompileClause(target, targetType, inner, drive: true)}" +
            $" AND {CompileAccess(target, targetType)})");
        var targetCondition = string.Join(" OR ", perType);
        var join = $"FROM search_reference {reference} JOIN resource {target} ON {target}.resource_type = {reference}.target_type " +
            $"AND {target}.id = {reference}.target_id AND {target}.is_deleted = 0";
        var param = Context.Add(parameter.Name);
        return drive
            ? $"{alias}.resource_key IN (SELECT {reference}.resource_key {join} WHERE {reference}.param = {param} " +
                $"AND {reference}.resource_type = {Context.Add(type)} AND ({targetCondition}))"
            : $"EXISTS (SELECT 1 {join} WHERE {reference}.resource_key = {alias}.resource_key " +
                $"AND {reference}.param = {param} AND ({targetCondition}))";
    }

    /// <summary>
    /// Compiles <c>_has:Observation:patient:code=x</c>: some current Observation that the
    /// caller may search, matching <c>code=x</c>, references the resource through <c>patient</c>.
    /// </summary>
    private string CompileHas(string alias, string? type, SearchClause clause)
    {
        var parts = (clause.Modifier ?? string.Empty).Split(':', 3);
        if (type is null || parts.Length != 3)
            throw new UnsupportedParameterException("_has", "_has reads _has:Type:reference:parameter=value on a type-level search.");
        if (!catalog.IsKnownType(parts[0]))
            throw new UnsupportedParameterException("_has", $"'{parts[0]}' is not a FHIR R4 resource type.");

        var (sourceType, referenceName, innerKey) = (parts[0], parts[1], parts[2]);
        var referenceParameter = catalog.Find(sourceType, referenceName);
        if (referenceParameter?.Type != SearchParamType.Reference)
            throw new UnsupportedParameterException("_has", $"'{referenceName}' is not a reference parameter of {sourceType}.");

        var inner = SearchClause.Parse(innerKey, string.Join(",", clause.Values.Select(EscapeComma)));
        var reference = Context.NewAlias("h");
        var source = Context.NewAlias("hr");
        return $"EXISTS (SELECT 1 FROM search_reference {reference} JOIN resource {source} " +
            $"ON {source}.resource_key = {reference}.resource_key AND {source}.is_deleted = 0 " +
            $"WHERE {reference}.target_id = {alias}.id AND {reference}.param = {Context.Add(referenceName)} " +
            $"AND {reference}.resource_type = {Context.Add(sourceType)} AND {reference}.target_type = {alias}.resource_type " +
            $"AND {CompileClause(source, sourceType, inner, drive: false)} AND {CompileAccess(source, sourceType)})";
    }

    /// <summary>
    /// Compiles <c>_list=id</c>: the resource is an <c>entry.item</c> of a current List with
    /// that id which the caller may search. Functional lists such as <c>$current-problems</c>
    /// are not supported.
    /// </summary>
    private string CompileList(string alias, SearchClause clause, bool drive)
    {
        RequireModifier(clause, [null]);
        if (clause.Values.Any(value => value.StartsWith('$') || value.Length == 0))
        {
            throw new UnsupportedParameterException(
                "_list",
                "_list takes the id of a List resource. Functional lists such as $current-problems are not supported.");
        }

        var list = Context.NewAlias("l");
        var item = Context.NewAlias("li");
        var ids = string.Join(", ", clause.Values.Select(value => Context.Add(value)));
        var join = $"FROM resource {list} JOIN search_reference {item} " +
            $"ON {item}.resource_key = {list}.resource_key AND {item}.param = {Context.Add("item")}";
        var where = $"WHERE {list}.resource_type = {Context.Add("List")} AND {list}.id IN ({ids}) " +
            $"AND {list}.is_deleted = 0 AND {CompileAccess(list, "List")}";
        if (!drive)
            return $"EXISTS (SELECT 1 {join} {where} AND {item}.target_type = {alias}.resource_type AND {item}.target_id = {alias}.id)";

        // Driving from the List's entries looks the few members up by type and id.
        var member = Context.NewAlias("lm");
        return $"{alias}.resource_key IN (SELECT {member}.resource_key {join} JOIN resource {member} " +
            $"ON {member}.resource_type = {item}.target_type AND {member}.id = {item}.target_id {where})";
    }

    private static string EscapeComma(string value) => value.Replace("\\", "\\\\").Replace(",", "\\,");
}
