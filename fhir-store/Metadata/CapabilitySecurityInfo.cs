namespace Sandbox.FhirStore.Metadata;

/// <summary>
/// The security part of the CapabilityStatement. <see cref="IsOpen"/> is true when the FHIR
/// endpoint runs without access tokens, in which case no security service is advertised.
/// </summary>
/// <param name="IsOpen">Whether <c>/fhir</c> is served without access tokens.</param>
/// <param name="Authorize">The authorization endpoint (oauth-uris <c>authorize</c>).</param>
/// <param name="Token">The token endpoint (oauth-uris <c>token</c>).</param>
/// <param name="Register">The dynamic registration endpoint (oauth-uris <c>register</c>).</param>
/// <param name="Introspect">The introspection endpoint (oauth-uris <c>introspect</c>).</param>
/// <param name="Revoke">The revocation endpoint (oauth-uris <c>revoke</c>).</param>
public sealed record CapabilitySecurityInfo(
    bool IsOpen,
    Uri Authorize,
    Uri Token,
    Uri Register,
    Uri Introspect,
    Uri Revoke);
