using System.Text;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// Narrows a shared R4 search expression to one resource type. Many definitions, such as
/// <c>clinical-patient</c>, join thirty per-type paths with <c>|</c>, so evaluating only
/// the paths of the indexed type keeps indexing fast.
/// </summary>
internal static class ExpressionFilter
{
    /// <summary>
    /// Returns the union of the top-level terms that start at <paramref name="resourceType"/>,
    /// the whole expression when no term names a type, or null when none applies to the type.
    /// </summary>
    public static string? ForType(string? expression, string resourceType)
    {
        if (string.IsNullOrWhiteSpace(expression))
            return null;

        var terms = SplitUnion(expression);
        var matching = terms.Where(term => StartsAtType(term, resourceType)).ToList();
        if (matching.Count > 0)
            return string.Join(" | ", matching);

        var anyTyped = terms.Any(term => char.IsUpper(term.TrimStart('(')[0]));
        return anyTyped ? null : expression;
    }

    private static bool StartsAtType(string term, string resourceType)
    {
        var trimmed = term.TrimStart('(');
        return trimmed == resourceType
            || trimmed.StartsWith(resourceType + ".", StringComparison.Ordinal)
            || trimmed.StartsWith(resourceType + " ", StringComparison.Ordinal);
    }

    public static List<string> SplitUnion(string expression)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var inString = false;
        foreach (var character in expression)
        {
            if (character == '\'')
                inString = !inString;
            else if (!inString && character == '(')
                depth++;
            else if (!inString && character == ')')
                depth--;

            if (character == '|' && depth == 0 && !inString)
            {
                terms.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(character);
        }

        terms.Add(current.ToString().Trim());
        return terms.Where(term => term.Length > 0).ToList();
    }
}
