using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Access;

/// <summary>
/// The access an access token gives its bearer in the FHIR store: the granted resource scopes,
/// the patient in context that <c>patient/</c> scopes are limited to, and the patients that
/// <c>user/</c> scopes are limited to when the user is a patient or a related person.
/// </summary>
public sealed class FhirAccessGrant
{
    private readonly bool _isUnrestricted;

    private FhirAccessGrant(
        IReadOnlyList<ResourceScope> scopes,
        string? patientId,
        IReadOnlyList<string>? userPatientIds,
        bool isUnrestricted)
    {
        Scopes = scopes;
        PatientId = patientId;
        UserPatientIds = userPatientIds;
        _isUnrestricted = isUnrestricted;
    }

    /// <summary>A grant that allows every interaction on every type: the documented open mode.</summary>
    public static FhirAccessGrant Unrestricted { get; } = new([], null, null, isUnrestricted: true);

    /// <summary>The granted resource scopes.</summary>
    public IReadOnlyList<ResourceScope> Scopes { get; }

    /// <summary>The patient in context, or null when the token carries none.</summary>
    public string? PatientId { get; }

    /// <summary>
    /// The patients whose compartments <c>user/</c> scopes are limited to, or null when those
    /// scopes reach the whole store (a practitioner user). An empty list lets them reach nothing.
    /// </summary>
    public IReadOnlyList<string>? UserPatientIds { get; }

    /// <summary>
    /// Builds a grant from the scopes of a token, the patient in its context and, for a user who
    /// is a patient or a related person, the patients that user may access.
    /// </summary>
    public static FhirAccessGrant FromScopes(
        IEnumerable<ResourceScope> scopes,
        string? patientId,
        IReadOnlyList<string>? userPatientIds = null) =>
        new(scopes.ToList(), patientId, userPatientIds, isUnrestricted: false);

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
            rules.AddRange(RulesFor(scope));

        if (rules.Count == 0)
            return AccessDecision.Deny(DescribeMissingCompartment(resourceType, matching));

        return rules.Any(rule => rule.IsUnlimited)
            ? AccessDecision.Unlimited
            : new AccessDecision(true, rules.Distinct().ToList(), null);
    }

    // Several compartments add up like several scopes: the store ORs the rules.
    private IEnumerable<AccessRule> RulesFor(ResourceScope scope)
    {
        if (scope.Context == ScopeContext.Patient)
            return PatientId is null ? [] : [new AccessRule(PatientId, scope.Query)];

        if (scope.Context == ScopeContext.User && UserPatientIds is not null)
            return UserPatientIds.Select(id => new AccessRule(id, scope.Query));

        return [new AccessRule(null, scope.Query)];
    }

    private static string DescribeMissingCompartment(string resourceType, IEnumerable<ResourceScope> matching) =>
        matching.Any(scope => scope.Context == ScopeContext.Patient)
            ? $"The token grants patient/ scopes for {resourceType} but carries no patient in context."
            : $"The token grants user/ scopes for {resourceType}, but its user may access no patient's records.";

    private string DescribeMissingScope(string resourceType, FhirInteraction interaction)
    {
        var letter = "cruds"[(int)interaction];
        var granted = Scopes.Count == 0 ? "none" : string.Join(" ", Scopes.Select(scope => scope.Text));
        return $"No granted scope allows '{letter}' ({interaction}) on {resourceType}; " +
            $"a scope such as patient/{resourceType}.{letter} or user/{resourceType}.{letter} is needed. " +
            $"Granted resource scopes: {granted}.";
    }
}
