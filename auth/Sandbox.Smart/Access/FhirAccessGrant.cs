using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Access;

/// <summary>
/// What an access token lets its bearer do in the FHIR store: the granted resource scopes
/// and the patient in context that <c>patient/</c> scopes are limited to.
/// </summary>
public sealed class FhirAccessGrant
{
    private readonly bool _isUnrestricted;

    private FhirAccessGrant(IReadOnlyList<ResourceScope> scopes, string? patientId, bool isUnrestricted)
    {
        Scopes = scopes;
        PatientId = patientId;
        _isUnrestricted = isUnrestricted;
    }

    /// <summary>A grant that allows every interaction on every type: the documented open mode.</summary>
    public static FhirAccessGrant Unrestricted { get; } = new([], null, isUnrestricted: true);

    /// <summary>The granted resource scopes.</summary>
    public IReadOnlyList<ResourceScope> Scopes { get; }

    /// <summary>The patient in context, or null when the token carries none.</summary>
    public string? PatientId { get; }

    /// <summary>Builds a grant from the scopes of a token and the patient in its context.</summary>
    public static FhirAccessGrant FromScopes(IEnumerable<ResourceScope> scopes, string? patientId) =>
        new(scopes.ToList(), patientId, isUnrestricted: false);

    /// <summary>
    /// Decides whether an interaction on a resource type is allowed and under which limits.
    /// Several matching scopes add up: a resource is reachable when any of them allows it.
    /// </summary>
    public AccessDecision Decide(string resourceType, FhirInteraction interaction)
    {
        if (_isUnrestricted)
            return AccessDecision.Unlimited;

        var matching = Scopes
            .Where(scope => scope.CoversType(resourceType) && scope.Interactions.Contains(interaction))
            .ToList();
        if (matching.Count == 0)
            return AccessDecision.Deny(DescribeMissingScope(resourceType, interaction));

        var rules = new List<AccessRule>();
        foreach (var scope in matching)
        {
            if (scope.Context != ScopeContext.Patient)
            {
                rules.Add(new AccessRule(null, scope.Query));
                continue;
            }

            if (PatientId is null)
                continue;

            rules.Add(new AccessRule(PatientId, scope.Query));
        }

        if (rules.Count == 0)
        {
            return AccessDecision.Deny(
                $"The token grants patient/ scopes for {resourceType} but carries no patient in context.");
        }

        return rules.Any(rule => rule.IsUnlimited)
            ? AccessDecision.Unlimited
            : new AccessDecision(true, rules.Distinct().ToList(), null);
    }

    private string DescribeMissingScope(string resourceType, FhirInteraction interaction)
    {
        var letter = "cruds"[(int)interaction];
        var granted = Scopes.Count == 0 ? "none" : string.Join(" ", Scopes.Select(scope => scope.Text));
        return $"No granted scope allows '{letter}' ({interaction}) on {resourceType}; " +
            $"a scope such as patient/{resourceType}.{letter} or user/{resourceType}.{letter} is needed. " +
            $"Granted resource scopes: {granted}.";
    }
}
