namespace Sandbox.Smart.Scopes;

/// <summary>
/// Decides which requested scopes an app gets. A scope is granted when the sandbox
/// understands it and the app's allowed scopes cover it. A resource scope that the allowed
/// scopes cover only in part is narrowed to that part, as SMART App Launch lets a server
/// grant less than requested. Everything else is dropped with a reason, so the token
/// response reports exactly what was granted.
/// </summary>
public static class ScopeNegotiator
{
    /// <summary>
    /// Negotiates <paramref name="requested"/> against <paramref name="allowed"/>. An empty
    /// allowed list means the app may have every scope the sandbox understands.
    /// <paramref name="isResourceType"/> returns whether a resource type name exists. Without
    /// it, any capitalised name counts as a resource type.
    /// </summary>
    public static ScopeNegotiation Negotiate(
        IEnumerable<string> requested,
        IReadOnlyCollection<string> allowed,
        Func<string, bool>? isResourceType = null)
    {
        var allowedResourceScopes = ParseResourceScopes(allowed);
        var granted = new List<string>();
        var dropped = new List<DroppedScope>();
        var narrowed = new List<NarrowedScope>();
        foreach (var scope in requested.Distinct(StringComparer.Ordinal))
        {
            var reason = FindRejection(scope, allowed, isResourceType);
            if (reason is not null)
            {
                dropped.Add(new DroppedScope(scope, reason));
                continue;
            }

            if (!ResourceScope.TryParse(scope, out var resourceScope) || IsCovered(resourceScope, allowed, allowedResourceScopes))
            {
                AddOnce(granted, scope);
                continue;
            }

            var parts = FindAllowedParts(resourceScope, allowedResourceScopes);
            if (parts.Count == 0)
            {
                dropped.Add(new DroppedScope(scope, $"None of the app's allowed scopes covers '{scope}'."));
                continue;
            }

            foreach (var part in parts)
                AddOnce(granted, part);

            narrowed.Add(new NarrowedScope(scope, parts, DescribeNarrowing(scope, parts)));
        }

        return new ScopeNegotiation(granted, dropped, narrowed);
    }

    /// <summary>Whether an allowed scope covers a requested resource scope.</summary>
    public static bool Covers(ResourceScope allowed, ResourceScope requested) =>
        allowed.Context == requested.Context
        && (allowed.ResourceType == ResourceScope.AnyResourceType || allowed.ResourceType == requested.ResourceType)
        && requested.Interactions.IsSubsetOf(allowed.Interactions)
        && (allowed.Query is null || allowed.Query == requested.Query);

    private static string? FindRejection(
        string scope,
        IReadOnlyCollection<string> allowed,
        Func<string, bool>? isResourceType)
    {
        if (SmartScopes.All.Contains(scope))
        {
            return allowed.Count == 0 || allowed.Contains(scope)
                ? null
                : $"The app is not allowed the scope '{scope}'.";
        }

        if (!ResourceScope.TryParse(scope, out var resourceScope))
            return $"'{scope}' is not a SMART scope the sandbox understands.";

        var type = resourceScope.ResourceType;
        if (type != ResourceScope.AnyResourceType && isResourceType is not null && !isResourceType(type))
            return $"'{scope}' names '{type}', which is not a FHIR resource type.";

        return null;
    }

    private static bool IsCovered(
        ResourceScope requested,
        IReadOnlyCollection<string> allowed,
        IReadOnlyList<ResourceScope> allowedResourceScopes) =>
        allowed.Count == 0 || allowedResourceScopes.Any(candidate => Covers(candidate, requested));

    // The part of a requested scope that each allowed scope covers, merged per resource type and
    // query. A part that another part covers adds nothing and is left out.
    private static List<string> FindAllowedParts(ResourceScope requested, IReadOnlyList<ResourceScope> allowedResourceScopes)
    {
        var parts = new List<ResourceScope>();
        foreach (var candidate in allowedResourceScopes)
        {
            if (Intersect(requested, candidate) is not { } part)
                continue;

            var index = parts.FindIndex(other => other.ResourceType == part.ResourceType && other.Query == part.Query);
            if (index < 0)
            {
                parts.Add(part);
                continue;
            }

            var interactions = parts[index].Interactions.Union(part.Interactions).ToHashSet();
            parts[index] = ResourceScope.Create(requested.Context, part.ResourceType, interactions, part.Query, requested.IsVersion1);
        }

        return parts
            .Where(part => !parts.Any(other => !ReferenceEquals(other, part) && Covers(other, part)))
            .Select(part => part.Text)
            .ToList();
    }

    // The scope that grants what both scopes grant, or null when they share nothing. Two
    // different queries cannot be combined into one scope, so they share nothing.
    private static ResourceScope? Intersect(ResourceScope requested, ResourceScope allowed)
    {
        if (requested.Context != allowed.Context)
            return null;

        string type;
        if (allowed.ResourceType == ResourceScope.AnyResourceType)
            type = requested.ResourceType;
        else if (requested.ResourceType == ResourceScope.AnyResourceType || requested.ResourceType == allowed.ResourceType)
            type = allowed.ResourceType;
        else
            return null;

        if (requested.Query is not null && allowed.Query is not null && requested.Query != allowed.Query)
            return null;

        var interactions = requested.Interactions.Intersect(allowed.Interactions).ToHashSet();
        if (interactions.Count == 0)
            return null;

        return ResourceScope.Create(requested.Context, type, interactions, requested.Query ?? allowed.Query, requested.IsVersion1);
    }

    private static string DescribeNarrowing(string scope, IReadOnlyList<string> parts)
    {
        var names = string.Join(", ", parts.Select(part => $"'{part}'"));
        return $"The app's allowed scopes cover only part of '{scope}', so it is granted as {names}.";
    }

    private static void AddOnce(List<string> scopes, string scope)
    {
        if (!scopes.Contains(scope))
            scopes.Add(scope);
    }

    private static List<ResourceScope> ParseResourceScopes(IEnumerable<string> scopes)
    {
        var parsed = new List<ResourceScope>();
        foreach (var scope in scopes)
        {
            if (ResourceScope.TryParse(scope, out var resourceScope))
                parsed.Add(resourceScope);
        }

        return parsed;
    }
}
