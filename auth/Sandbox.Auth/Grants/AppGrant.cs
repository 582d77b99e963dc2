namespace Sandbox.Auth.Grants;

/// <summary>
/// A grant that a user gave an app: one OpenIddict authorization, made when the user
/// completed an authorization request, with the tokens still usable under it.
/// </summary>
public sealed record AppGrant
{
    /// <summary>The id of the authorization.</summary>
    public required string AuthorizationId { get; init; }

    /// <summary>The scopes granted, which every refresh of the grant may ask for.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The id of the patient in context, or null.</summary>
    public string? Patient { get; init; }

    /// <summary>The id of the encounter in context, or null.</summary>
    public string? Encounter { get; init; }

    /// <summary>When the user completed the authorization request.</summary>
    public DateTimeOffset? GrantedAt { get; init; }

    /// <summary>The latest expiry of the grant's usable access tokens, or null when none is left.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>The latest expiry of the grant's usable refresh tokens, or null when the app has none.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }
}
