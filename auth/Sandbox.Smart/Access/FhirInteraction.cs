namespace Sandbox.Smart.Access;

/// <summary>
/// A FHIR RESTful interaction, grouped the way SMART v2 scope letters name them:
/// c create, r read and vread, u update and patch, d delete, s search and history.
/// </summary>
/// <remarks>The values follow the letter order <c>cruds</c>, which scope parsing relies on.</remarks>
public enum FhirInteraction
{
    Create = 0,
    Read = 1,
    Update = 2,
    Delete = 3,
    Search = 4,
}
