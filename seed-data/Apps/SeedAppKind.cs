namespace Sandbox.SeedData.Apps;

/// <summary>The SMART client kinds, one pre-registered app each.</summary>
public enum SeedAppKind
{
    /// <summary>A browser app with no secret: authorization code with PKCE S256 only.</summary>
    PublicPkce,

    /// <summary>A server-side app that authenticates at the token endpoint with a client secret (client_secret_basic).</summary>
    ConfidentialSymmetric,

    /// <summary>A server-side app that authenticates with a signed JWT assertion (private_key_jwt, RS384).</summary>
    ConfidentialAsymmetric,

    /// <summary>A SMART Backend Services client: client_credentials with a signed JWT assertion (ES384), no user.</summary>
    BackendService,
}
