namespace Sandbox.Smart.Access;

/// <summary>
/// One way a grant lets a caller reach resources of a type: optionally limited to one
/// patient's compartment and optionally to the resources that match a search query
/// (a SMART v2 granular scope such as <c>category=http://...|laboratory</c>).
/// </summary>
/// <param name="CompartmentPatientId">The patient id whose compartment limits access, or null.</param>
/// <param name="Query">A FHIR search query string without the leading <c>?</c>, or null.</param>
public sealed record AccessRule(string? CompartmentPatientId, string? Query)
{
    /// <summary>A rule that limits nothing.</summary>
    public static AccessRule Unlimited { get; } = new(null, null);

    /// <summary>Whether the rule limits neither the compartment nor the query.</summary>
    public bool IsUnlimited => CompartmentPatientId is null && Query is null;
}
