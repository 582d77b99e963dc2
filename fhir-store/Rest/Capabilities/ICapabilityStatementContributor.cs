using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// Adds to the CapabilityStatement that <c>/fhir/metadata</c> returns. The authorization
/// module registers one to describe SMART security (the <c>rest.security</c> element with
/// the OAuth URIs extension); every registered contributor runs on each request.
/// </summary>
public interface ICapabilityStatementContributor
{
    /// <summary>Changes <paramref name="statement"/> for a server whose FHIR base is <paramref name="fhirBase"/>.</summary>
    void Contribute(CapabilityStatement statement, Uri fhirBase);
}
