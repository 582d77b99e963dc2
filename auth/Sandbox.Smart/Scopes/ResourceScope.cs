using System.Diagnostics.CodeAnalysis;
using Sandbox.Smart.Access;

namespace Sandbox.Smart.Scopes;

/// <summary>
/// A parsed SMART resource scope in either syntax: v1 (<c>patient/Observation.read</c>,
/// <c>user/*.write</c>, <c>system/*.*</c>) or v2 (<c>patient/Observation.rs</c>,
/// <c>user/*.cruds</c>, <c>patient/Observation.rs?category=laboratory</c>).
/// </summary>
public sealed record ResourceScope(
    ScopeContext Context,
    string ResourceType,
    IReadOnlySet<FhirInteraction> Interactions,
    string? Query,
    bool IsVersion1,
    string Text)
{
    /// <summary>The resource type wildcard.</summary>
    public const string AnyResourceType = "*";

    /// <summary>Whether the scope covers the given resource type.</summary>
    public bool CoversType(string resourceType) =>
        ResourceType == AnyResourceType || ResourceType == resourceType;

    /// <summary>
    /// Parses one scope token. Returns false for anything that is not a resource scope,
    /// such as <c>launch</c>, <c>openid</c> or a malformed permission string.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ResourceScope? scope)
    {
        scope = null;
        var slash = text.IndexOf('/');
        var dot = text.IndexOf('.', slash + 1);
        if (slash <= 0 || dot <= slash + 1)
            return false;

        if (!TryParseContext(text[..slash], out var context))
            return false;

        var resourceType = text[(slash + 1)..dot];
        if (resourceType != AnyResourceType && !IsResourceTypeName(resourceType))
            return false;

        var rest = text[(dot + 1)..];
        var question = rest.IndexOf('?');
        var permissions = question < 0 ? rest : rest[..question];
        var query = question < 0 ? null : rest[(question + 1)..];
        if (query is { Length: 0 })
            return false;

        if (!TryParsePermissions(permissions, out var interactions, out var isVersion1))
            return false;

        // Version 1 scopes have no query part.
        if (isVersion1 && query is not null)
            return false;

        scope = new ResourceScope(context, resourceType, interactions, query, isVersion1, text);
        return true;
    }

    /// <summary>
    /// Creates a scope and writes its text. The text uses the v1 permission names
    /// (<c>read</c>, <c>write</c>, <c>*</c>) when <paramref name="preferVersion1"/> is set and
    /// they can express the interactions, and the v2 letters otherwise.
    /// </summary>
    public static ResourceScope Create(
        ScopeContext context,
        string resourceType,
        IReadOnlySet<FhirInteraction> interactions,
        string? query,
        bool preferVersion1)
    {
        var version1 = preferVersion1 && query is null ? FindVersion1Name(interactions) : null;
        var permissions = version1 ?? WriteVersion2Letters(interactions);
        var text = $"{FormatContext(context)}/{resourceType}.{permissions}{(query is null ? "" : $"?{query}")}";
        return new ResourceScope(context, resourceType, interactions, query, version1 is not null, text);
    }

    private static string FormatContext(ScopeContext context) => context switch
    {
        ScopeContext.Patient => "patient",
        ScopeContext.User => "user",
        _ => "system",
    };

    private static string? FindVersion1Name(IReadOnlySet<FhirInteraction> interactions)
    {
        if (interactions.SetEquals([FhirInteraction.Read, FhirInteraction.Search]))
            return "read";

        if (interactions.SetEquals([FhirInteraction.Create, FhirInteraction.Update, FhirInteraction.Delete]))
            return "write";

        return interactions.SetEquals(Enum.GetValues<FhirInteraction>()) ? "*" : null;
    }

    // The letters follow the order c, r, u, d, s, which the enum values follow too.
    private static string WriteVersion2Letters(IReadOnlySet<FhirInteraction> interactions) =>
        string.Concat(interactions.Order().Select(interaction => "cruds"[(int)interaction]));

    private static bool TryParseContext(string prefix, out ScopeContext context)
    {
        switch (prefix)
        {
            case "patient":
                context = ScopeContext.Patient;
                return true;
            case "user":
                context = ScopeContext.User;
                return true;
            case "system":
                context = ScopeContext.System;
                return true;
            default:
                context = default;
                return false;
        }
    }

    private static bool IsResourceTypeName(string name) =>
        name.Length > 0 && char.IsAsciiLetterUpper(name[0]) && name.All(char.IsAsciiLetter);

    private static bool TryParsePermissions(
        string permissions,
        out IReadOnlySet<FhirInteraction> interactions,
        out bool isVersion1)
    {
        isVersion1 = true;
        switch (permissions)
        {
            // SMART v1: read covers read and search; write covers create, update and delete.
            case "read":
                interactions = new HashSet<FhirInteraction> { FhirInteraction.Read, FhirInteraction.Search };
                return true;
            case "write":
                interactions = new HashSet<FhirInteraction>
                {
                    FhirInteraction.Create,
                    FhirInteraction.Update,
                    FhirInteraction.Delete,
                };
                return true;
            case "*":
                interactions = Enum.GetValues<FhirInteraction>().ToHashSet();
                return true;
        }

        isVersion1 = false;
        return TryParseVersion2Letters(permissions, out interactions);
    }

    // SMART v2 permission letters must appear in the order c, r, u, d, s, each at most once.
    private static bool TryParseVersion2Letters(string letters, out IReadOnlySet<FhirInteraction> interactions)
    {
        const string order = "cruds";
        var set = new HashSet<FhirInteraction>();
        interactions = set;
        var position = 0;
        foreach (var letter in letters)
        {
            var index = order.IndexOf(letter, position);
            if (index < 0)
                return false;

            set.Add((FhirInteraction)index);
            position = index + 1;
        }

        return set.Count > 0;
    }
}
