namespace Sandbox.Smart.Access;

/// <summary>
/// The per-request HTTP feature through which the authorization module hands the FHIR store
/// the grant of the current access token. The store enforces what the grant decides and
/// never reads tokens itself.
/// </summary>
/// <remarks>
/// When no feature is set on a request, the store treats the request as unrestricted. The
/// authorization module sets the feature on every FHIR request it lets through, so that
/// case only arises when the module is switched to its documented open mode or absent.
/// </remarks>
public interface IFhirAccessFeature
{
    /// <summary>The grant that limits the current request.</summary>
    FhirAccessGrant Grant { get; }
}
