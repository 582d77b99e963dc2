using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Rest.Capabilities;

namespace Sandbox.Auth.Discovery;

/// <summary>
/// Adds SMART security to the CapabilityStatement: the <c>SMART-on-FHIR</c> security service
/// and the oauth-uris extension with the OAuth endpoints, which SMART App Launch lists as the
/// older discovery route beside <c>.well-known/smart-configuration</c>.
/// </summary>
internal sealed class SmartCapabilityContributor(
    IOptions<SmartAuthOptions> options,
    IOptions<DiscoveryOptions> discovery) : ICapabilityStatementContributor
{
    private const string OAuthUrisExtension =
        "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private const string RestfulSecurityServiceSystem =
        "http://terminology.hl7.org/CodeSystem/restful-security-service";

    public void Contribute(CapabilityStatement statement, Uri fhirBase)
    {
        // In open mode no token is needed, so advertising an authorization server would mislead clients.
        if (options.Value.OpenFhir)
            return;

        var root = new Uri(fhirBase, "/");
        var uris = new Extension { Url = OAuthUrisExtension };
        uris.AddExtension("authorize", new FhirUri(new Uri(root, AuthPaths.Authorize).ToString()));
        uris.AddExtension("token", new FhirUri(new Uri(root, AuthPaths.Token).ToString()));
        uris.AddExtension("register", new FhirUri(new Uri(root, AuthPaths.Register).ToString()));
        uris.AddExtension("introspect", new FhirUri(new Uri(root, AuthPaths.Introspect).ToString()));
        uris.AddExtension("revoke", new FhirUri(new Uri(root, AuthPaths.Revoke).ToString()));
        if (discovery.Value.ManagementPath is { } managementPath)
            uris.AddExtension("manage", new FhirUri(new Uri(root, managementPath).ToString()));

        var security = new CapabilityStatement.SecurityComponent
        {
            Cors = true,
            Service = [new CodeableConcept(RestfulSecurityServiceSystem, "SMART-on-FHIR", "SMART-on-FHIR")],
            Description = new Markdown("OAuth 2.0 as profiled by SMART App Launch 2.2; discovery at .well-known/smart-configuration."),
        };
        security.Extension.Add(uris);

        foreach (var rest in statement.Rest)
            rest.Security = security;
    }
}
