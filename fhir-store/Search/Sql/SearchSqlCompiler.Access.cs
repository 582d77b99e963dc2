using Sandbox.FhirStore.Search.Parsing;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Search.Sql;

/// <summary>
/// The caller's grant as SQL. A row passes when it satisfies at least one access rule: it is
/// in the rule's Patient compartment (when the rule names one) and matches the rule's
/// granular query (when it has one). A rule query the engine cannot evaluate matches nothing.
/// </summary>
internal sealed partial class SearchSqlCompiler
{
    /// <summary>Compiles the grant's filter for searching rows of one type, or "0" when the grant denies the type.</summary>
    public string CompileAccess(string alias, string type)
    {
        var decision = grant.Decide(type, FhirInteraction.Search);
        if (!decision.IsAllowed)
            return "0";
        if (decision.IsUnlimited)
            return "1";

        return CompileRules(alias, type, decision.Rules);
    }

    /// <summary>Compiles the filter for rows of any of <paramref name="types"/>, grouping types that share their rules.</summary>
    public string CompileAccess(string alias, IEnumerable<string> types)
    {
        var unlimited = new List<string>();
        var groups = new List<string>();
        foreach (var type in types)
        {
            var decision = grant.Decide(type, FhirInteraction.Search);
            if (!decision.IsAllowed)
                continue;
            if (decision.IsUnlimited)
                unlimited.Add(type);
            else
                groups.Add($"({alias}.resource_type = {Context.Add(type)} AND ({CompileRules(alias, type, decision.Rules)}))");
        }

        if (unlimited.Count > 0)
            groups.Insert(0, $"{alias}.resource_type IN ({string.Join(", ", unlimited.Select(type => Context.Add(type)))})");

        return groups.Count == 0 ? "0" : "(" + string.Join(" OR ", groups) + ")";
    }

    /// <summary>
    /// Compiles an explicit rule list, as the store's read and write checks pass it. The result
    /// is bracketed, so that callers can join it with AND to other conditions.
    /// </summary>
    public string CompileRules(string alias, string type, IReadOnlyList<AccessRule> rules)
    {
        if (rules.Count == 0)
            return "0";

        return "(" + string.Join(" OR ", rules.Select(rule => "(" + CompileRule(alias, type, rule) + ")")) + ")";
    }

    /// <summary>Compiles membership in a Patient compartment.</summary>
    public string CompileCompartment(string alias, string patientId) =>
        $"{alias}.resource_key IN (SELECT resource_key FROM search_compartment WHERE patient_id = {Context.Add(patientId)})";

    private string CompileRule(string alias, string type, AccessRule rule)
    {
        var parts = new List<string>();
        if (rule.CompartmentPatientId is not null)
            parts.Add(CompileCompartment(alias, rule.CompartmentPatientId));

        if (rule.Query is not null)
        {
            var query = SearchQueryParser.ParseQueryString(rule.Query);
            if (query.Unsupported.Count > 0)
                return "0";

            try
            {
                parts.Add(CompileAll(alias, type, query.Clauses.Select(item => item.Clause)));
            }
            catch (UnsupportedParameterException)
            {
                return "0";
            }
        }

        return parts.Count == 0 ? "1" : string.Join(" AND ", parts);
    }
}
