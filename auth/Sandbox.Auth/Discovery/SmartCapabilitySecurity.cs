using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Metadata;

namespace Sandbox.Auth.Discovery;

/// <summary>Tells the FHIR store's CapabilityStatement where the OAuth endpoints are.</summary>
internal sealed class SmartCapabilitySecurity(IOptions<SmartAuthOptions> options) : ICapabilitySecurity
{
    public CapabilitySecurityInfo Describe(Uri fhirBase)
    {
        var root = new Uri(fhirBase, "/");
        return new CapabilitySecurityInfo(
            options.Value.OpenFhir,
            new Uri(root, AuthPaths.Authorize),
            new Uri(root, AuthPaths.Token),
            new Uri(root, AuthPaths.Register),
            new Uri(root, AuthPaths.Introspect),
            new Uri(root, AuthPaths.Revoke));
    }
}
