using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Grants;

/// <summary>Reads one authorization and its tokens into an <see cref="AppGrant"/>, within one service scope.</summary>
internal sealed class GrantReader(IServiceProvider services, DateTimeOffset now)
{
    private readonly IOpenIddictApplicationManager _applications = services.GetRequiredService<IOpenIddictApplicationManager>();
    private readonly IOpenIddictTokenManager _tokens = services.GetRequiredService<IOpenIddictTokenManager>();

    public IOpenIddictAuthorizationManager Authorizations { get; } = services.GetRequiredService<IOpenIddictAuthorizationManager>();

    /// <summary>
    /// Returns the grant and its app's client id, or null when the authorization is revoked,
    /// names no app, or has no usable access or refresh token left.
    /// </summary>
    public async Task<(string ClientId, AppGrant Grant)?> ReadAsync(object authorization, CancellationToken cancellationToken)
    {
        if (!await Authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)
            || await Authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
            || await _applications.FindByIdAsync(applicationId, cancellationToken) is not { } application
            || await _applications.GetClientIdAsync(application, cancellationToken) is not { } clientId)
            return null;

        var id = (await Authorizations.GetIdAsync(authorization, cancellationToken))!;
        var (accessExpiry, refreshExpiry) = await FindExpiriesAsync(id, cancellationToken);
        if (accessExpiry is null && refreshExpiry is null)
            return null;

        var context = GrantContext.Read(await Authorizations.GetPropertiesAsync(authorization, cancellationToken));
        var grant = new AppGrant
        {
            AuthorizationId = id,
            Scopes = [.. await Authorizations.GetScopesAsync(authorization, cancellationToken)],
            Patient = context.Patient,
            Encounter = context.Encounter,
            GrantedAt = await Authorizations.GetCreationDateAsync(authorization, cancellationToken),
            AccessTokenExpiresAt = accessExpiry,
            RefreshTokenExpiresAt = refreshExpiry,
        };
        return (clientId, grant);
    }

    // A token is usable while its entry is valid (not redeemed, revoked or rejected) and its
    // expiry has not passed. A refresh token that was used is marked redeemed at once, because
    // the server allows no reuse leeway.
    private async Task<(DateTimeOffset? Access, DateTimeOffset? Refresh)> FindExpiriesAsync(
        string authorizationId,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? access = null;
        DateTimeOffset? refresh = null;
        await foreach (var token in _tokens.FindByAuthorizationIdAsync(authorizationId, cancellationToken))
        {
            if (!await _tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken)
                || await _tokens.GetExpirationDateAsync(token, cancellationToken) is not { } expiry
                || expiry <= now)
                continue;

            if (await _tokens.HasTypeAsync(token, TokenTypeIdentifiers.AccessToken, cancellationToken))
                access = Later(access, expiry);
            else if (await _tokens.HasTypeAsync(token, TokenTypeIdentifiers.RefreshToken, cancellationToken))
                refresh = Later(refresh, expiry);
        }

        return (access, refresh);
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;
}
