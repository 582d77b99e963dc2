namespace Sandbox.Smart.Access;

/// <summary>
/// The outcome of checking one interaction on one resource type against a grant.
/// A resource is reachable when it satisfies at least one of <see cref="Rules"/>; the FHIR
/// store applies them inside its queries so that paging, totals and includes stay correct.
/// </summary>
public sealed record AccessDecision(bool IsAllowed, IReadOnlyList<AccessRule> Rules, string? Reason)
{
    /// <summary>An allowed decision with no limits.</summary>
    public static AccessDecision Unlimited { get; } = new(true, [AccessRule.Unlimited], null);

    /// <summary>Whether any rule lets every resource of the type through.</summary>
    public bool IsUnlimited => IsAllowed && Rules.Any(rule => rule.IsUnlimited);

    /// <summary>Creates a refusal whose reason is shown to the client and in the launch inspector.</summary>
    public static AccessDecision Deny(string reason) => new(false, [], reason);
}
