namespace Sandbox.FhirStore.Metadata;

/// <summary>
/// What the CapabilityStatement says about security: the authorization module implements it
/// so the FHIR store can add the SMART security service and the
/// <c>http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris</c> extension
/// without depending on the authorization module. When no implementation is registered, the
/// store describes no security.
/// </summary>
public interface ICapabilitySecurity
{
    /// <summary>Returns the OAuth URLs for a FHIR base URL as the client reached it.</summary>
    CapabilitySecurityInfo Describe(Uri fhirBase);
}
