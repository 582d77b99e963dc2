namespace Sandbox.SeedData.Apps;

/// <summary>
/// A pre-registered SMART client. Paths that start with <c>/</c> are relative to the
/// sandbox origin and must be made absolute when the app is registered.
/// </summary>
/// <param name="ClientId">The OAuth client_id.</param>
/// <param name="Name">The name shown on consent and in the EHR's app list.</param>
/// <param name="Kind">The client kind, which fixes the grant types and client authentication.</param>
/// <param name="RedirectUris">The allowed redirect URIs; empty for a backend service.</param>
/// <param name="LaunchUri">The URI the EHR opens for an EHR launch, or null when the app is not EHR-launchable.</param>
/// <param name="Scopes">The scopes the app may be granted, space-separated as in OAuth.</param>
/// <param name="Description">What a tester uses the app for.</param>
public sealed record SeedApp(
    string ClientId,
    string Name,
    SeedAppKind Kind,
    IReadOnlyList<string> RedirectUris,
    string? LaunchUri,
    string Scopes,
    string Description)
{
    /// <summary>The OAuth grant types the app may use.</summary>
    public IReadOnlyList<string> GrantTypes => Kind == SeedAppKind.BackendService
        ? ["client_credentials"]
        : ["authorization_code", "refresh_token"];

    /// <summary>The token endpoint authentication method, as RFC 7591 names it.</summary>
    public string TokenEndpointAuthMethod => Kind switch
    {
        SeedAppKind.PublicPkce => "none",
        SeedAppKind.ConfidentialSymmetric => "client_secret_basic",
        _ => "private_key_jwt",
    };
}
