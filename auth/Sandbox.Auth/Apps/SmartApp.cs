using System.Text.Json.Nodes;

namespace Sandbox.Auth.Apps;

/// <summary>
/// A registered SMART app (an OAuth client) with the per-app settings of the sandbox. This is
/// the body of the <c>/api/apps</c> admin API.
/// </summary>
public sealed record SmartApp
{
    /// <summary>The <c>client_id</c>. Generated when left empty at registration.</summary>
    public string? ClientId { get; init; }

    /// <summary>The name shown on the consent page and in the EHR.</summary>
    public required string Name { get; init; }

    /// <summary>How the app authenticates. Default Public.</summary>
    public AppKind Kind { get; init; } = AppKind.Public;

    /// <summary>
    /// The client secret of a ConfidentialSymmetric app. Generated when
    /// left empty at registration. Every read of the app returns it, because sandbox secrets
    /// are test credentials that scripts need to read back.
    /// </summary>
    public string? ClientSecret { get; init; }

    /// <summary>
    /// How the app authenticates at the token, introspection and revocation endpoints, as RFC 7591
    /// names it: <c>none</c> (public), <c>client_secret_basic</c> or <c>client_secret_post</c>
    /// (confidential symmetric) or <c>private_key_jwt</c>. When it names one way to send a client
    /// secret, the other way is rejected. Null accepts both, and is the default of apps registered
    /// through the admin API.
    /// </summary>
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary>The redirect URIs, matched as exact strings; a registered query string is kept.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>The app's launch URL, which an EHR launch opens with <c>iss</c> and <c>launch</c>.</summary>
    public string? LaunchUrl { get; init; }

    /// <summary>The URL of the app's logo.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>A short description of the app.</summary>
    public string? Description { get; init; }

    /// <summary>The scopes the app may be granted; wildcards cover narrower scopes. Empty means every scope.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>What happens to scopes the app may not have. Default Drop.</summary>
    public ScopePolicy ScopePolicy { get; init; } = ScopePolicy.Drop;

    /// <summary>
    /// The PKCE policy. Default Required for every kind of app, as SMART App Launch 2 requires.
    /// Optional serves testing legacy SMART v1 apps.
    /// </summary>
    public PkcePolicy? Pkce { get; init; }

    /// <summary>Whether the consent page is shown before tokens are issued. Default false.</summary>
    public bool ShowConsent { get; init; }

    /// <summary>
    /// Whether the app may get refresh tokens and use the <c>refresh_token</c> grant. Without
    /// them, <c>offline_access</c> and <c>online_access</c> are treated as scopes the app may not
    /// have, and a <c>refresh_token</c> grant gets <c>unauthorized_client</c>. Default true, and
    /// false for a BackendService app, because <c>client_credentials</c> issues no refresh token.
    /// The registry rejects true for a BackendService app.
    /// </summary>
    public bool RefreshTokens
    {
        get => _refreshTokens ?? Kind != AppKind.BackendService;
        init => _refreshTokens = value;
    }

    // Null until set, so that an app whose JSON leaves refreshTokens out gets its kind's default.
    private readonly bool? _refreshTokens;

    /// <summary>The access token lifetime in seconds, or null for the server default.</summary>
    public int? AccessTokenLifetimeSeconds { get; init; }

    /// <summary>The refresh token lifetime in seconds, or null for the server defaults.</summary>
    public int? RefreshTokenLifetimeSeconds { get; init; }

    /// <summary>The public keys of an asymmetric app, as a JWK Set.</summary>
    public JsonObject? Jwks { get; init; }

    /// <summary>
    /// Where the app publishes its JWK Set. A client assertion whose <c>jku</c> header names
    /// another URL is rejected.
    /// </summary>
    public string? JwksUrl { get; init; }

    /// <summary>True when the app was accepted in loose mode without being registered.</summary>
    public bool IsLoose { get; init; }

    /// <summary>
    /// The effective PKCE policy. A loose app always requires PKCE, because earlier versions
    /// stored loose apps as Optional in kept data folders.
    /// </summary>
    public PkcePolicy EffectivePkce => IsLoose ? PkcePolicy.Required : Pkce ?? PkcePolicy.Required;
}
