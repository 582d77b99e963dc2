namespace Sandbox.Smart.Scopes;

/// <summary>
/// Decides which requested scopes an app gets. A scope is granted when the sandbox
/// understands it and the app's allowed scopes cover it; everything else is dropped with
/// a reason, so the token response reports exactly what was granted.
/// </summary>
public static class ScopeNegotiator
{
    /// <summary>
    /// Negotiates <paramref name="requested"/> against <paramref name="allowed"/>. An empty
    /// allowed list means the app may have every scope the sandbox understands.
    /// </summary>
    public static ScopeNegotiation Negotiate(IEnumerable<string> requested, IReadOnlyCollection<string> allowed)
    {
        var allowedResourceScopes = ParseResourceScopes(allowed);
        var granted = new List<string>();
        var dropped = new List<DroppedScope>();
        foreach (var scope in requested.Distinct(StringComparer.Ordinal))
        {
            var reason = FindRejection(scope, allowed, allowedResourceScopes);
            if (reason is null)
                granted.Add(scope);
            else
                dropped.Add(new DroppedScope(scope, reason));
        }

        return new ScopeNegotiation(granted, dropped);
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
        IReadOnlyList<ResourceScope> allowedResourceScopes)
    {
        if (SmartScopes.All.Contains(scope))
        {
            return allowed.Count == 0 || allowed.Contains(scope)
                ? null
                : $"The app is not allowed the scope '{scope}'.";
        }

        if (!ResourceScope.TryParse(scope, out var resourceScope))
            return $"'{scope}' is not a SMART scope the sandbox understands.";

        if (allowed.Count == 0 || allowedResourceScopes.Any(candidate => Covers(candidate, resourceScope)))
            return null;

        return $"None of the app's allowed scopes covers '{scope}'.";
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
