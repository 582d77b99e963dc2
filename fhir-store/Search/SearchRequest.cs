using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// A search as the REST layer received it: type-level, system-level
/// (<see cref="ResourceType"/> null) or within a compartment such as <c>Patient/123/Observation</c>.
/// </summary>
/// <param name="ResourceType">The searched type, or null for a system-wide search.</param>
/// <param name="Compartment">
/// The compartment, as <c>Patient/123</c>, or null. With a null <see cref="ResourceType"/>, the
/// request is <c>Patient/123/$everything</c>.
/// </param>
/// <param name="Parameters">The query parameters in request order, repeated names kept.</param>
/// <param name="BaseUrl">The public FHIR base URL that links in the result Bundle start with.</param>
/// <param name="IsStrict">True for <c>Prefer: handling=strict</c>: an unknown parameter is an error.</param>
/// <param name="Grant">The caller's grant, applied inside the query.</param>
public sealed record SearchRequest(
    string? ResourceType,
    string? Compartment,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    Uri BaseUrl,
    bool IsStrict,
    FhirAccessGrant Grant);
