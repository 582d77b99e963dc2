using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Access;

/// <summary>
/// The access an access token gives its bearer in the FHIR store: the granted resource scopes,
/// the patient in context that <c>patient/</c> scopes are limited to, and the patients that
/// <c>user/</c> scopes are limited to when the user is a patient or a related person.
/// </summary>
/// <remarks>
/// Two rules widen what <c>patient/</c> scopes alone would reach. Resource types that contain no
/// patient's data (see <see cref="SharedTypes"/>) are read and searched without a compartment
/// limit, because apps show who ordered or performed a patient's care and where. The resource
/// that <see cref="FhirUser"/> names is readable by id, because SMART App Launch 2.0 defines
/// <c>openid fhirUser</c> as permission to retrieve information about the current user.
/// </remarks>
public sealed class FhirAccessGrant
{
    private readonly bool _isUnrestricted;

    private FhirAccessGrant(
        IReadOnlyList<ResourceScope> scopes,
        string? patientId,
        IReadOnlyList<string>? userPatientIds,
        FhirUserReference? fhirUser,
        IReadOnlySet<string> sharedTypes,
        bool isUnrestricted)
    {
        Scopes = scopes;
        PatientId = patientId;
        UserPatientIds = userPatientIds;
        FhirUser = fhirUser;
        SharedTypes = sharedTypes;
        _isUnrestricted = isUnrestricted;
    }

    /// <summary>A grant that allows every interaction on every type: the documented open mode.</summary>
    public static FhirAccessGrant Unrestricted { get; } =
        new([], null, null, null, new HashSet<string>(), isUnrestricted: true);

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
    /// The signed-in user's resource, readable by id whatever the resource scopes, or null when
    /// the token was not granted <c>openid</c> with <c>fhirUser</c> or <c>profile</c>.
    /// </summary>
    public FhirUserReference? FhirUser { get; }

    /// <summary>
    /// The resource types that contain no patient's data, which <c>patient/</c> scopes read and
    /// search without a compartment limit but never write. The FHIR store supplies the set.
    /// </summary>
    public IReadOnlySet<string> SharedTypes { get; }

    /// <summary>
    /// Builds a grant from the scopes of a token, the patient in its context and, for a user who
    /// is a patient or a related person, the patients that user may access. Without
    /// <paramref name="sharedTypes"/>, <c>patient/</c> scopes reach no type outside the compartment.
    /// </summary>
    public static FhirAccessGrant FromScopes(
        IEnumerable<ResourceScope> scopes,
        string? patientId,
        IReadOnlyList<string>? userPatientIds = null,
        FhirUserReference? fhirUser = null,
        IReadOnlySet<string>? sharedTypes = null) =>
        new(scopes.ToList(), patientId, userPatientIds, fhirUser, sharedTypes ?? new HashSet<string>(), isUnrestricted: false);

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

        var rules = new List<AccessRule>();
        foreach (var scope in matching)
            rules.AddRange(RulesFor(scope, resourceType, interaction));

        if (FhirUserRule(resourceType, interaction) is { } userRule)
            rules.Add(userRule);

        if (rules.Count == 0)
        {
            return AccessDecision.Deny(matching.Count == 0
                ? DescribeMissingScope(resourceType, interaction)
                : DescribeMissingRule(resourceType, matching));
        }

        return rules.Any(rule => rule.IsUnlimited)
            ? AccessDecision.Unlimited
            : new AccessDecision(true, rules.Distinct().ToList(), null);
    }

    // Several compartments add up like several scopes: the store ORs the rules.
    private IEnumerable<AccessRule> RulesFor(ResourceScope scope, string resourceType, FhirInteraction interaction)
    {
        if (scope.Context == ScopeContext.Patient)
        {
            if (PatientId is null)
                return [];
            if (!SharedTypes.Contains(resourceType))
                return [new AccessRule(PatientId, scope.Query)];

            // A shared resource is in no patient's compartment, so a patient/ scope could never
            // write it, and writing it would change what every patient's records point to.
            return interaction is FhirInteraction.Read or FhirInteraction.Search
                ? [new AccessRule(null, scope.Query)]
                : [];
        }

        if (scope.Context == ScopeContext.User && UserPatientIds is not null)
            return UserPatientIds.Select(id => new AccessRule(id, scope.Query));

        return [new AccessRule(null, scope.Query)];
    }

    // Only read by id: searching the user's type still needs a resource scope for it.
    private AccessRule? FhirUserRule(string resourceType, FhirInteraction interaction) =>
        interaction == FhirInteraction.Read && FhirUser is not null && FhirUser.ResourceType == resourceType
            ? new AccessRule(null, "_id=" + FhirUser.Id)
            : null;

    private string DescribeMissingRule(string resourceType, IEnumerable<ResourceScope> matching)
    {
        if (!matching.Any(scope => scope.Context == ScopeContext.Patient))
            return $"The token grants user/ scopes for {resourceType}, but its user may access no patient's records.";
        if (PatientId is null)
            return $"The token grants patient/ scopes for {resourceType} but carries no patient in context.";

        return $"{resourceType} contains no patient's data and is in no patient's compartment, so patient/ scopes "
            + $"may read and search it but not create, update or delete it. A user/{resourceType} scope "
            + "with the needed letters is required.";
    }

    private string DescribeMissingScope(string resourceType, FhirInteraction interaction)
    {
        var letter = "cruds"[(int)interaction];
        var granted = Scopes.Count == 0 ? "none" : string.Join(" ", Scopes.Select(scope => scope.Text));
        return $"No granted scope allows '{letter}' ({interaction}) on {resourceType}; " +
            $"a scope such as {SuggestScopes($"{resourceType}.{letter}")} is needed. " +
            $"Granted resource scopes: {granted}.";
    }

    // Only a client_credentials token carries system/ scopes, and it can never get patient/ or
    // user/ scopes. A patient/ scope allows nothing without a patient in context.
    private string SuggestScopes(string typeAndPermission)
    {
        if (Scopes.Any(scope => scope.Context == ScopeContext.System))
            return $"system/{typeAndPermission}";

        return PatientId is null
            ? $"user/{typeAndPermission}"
            : $"patient/{typeAndPermission} or user/{typeAndPermission}";
    }
}
