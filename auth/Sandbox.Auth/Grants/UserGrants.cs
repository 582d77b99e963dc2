using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Grants;

/// <summary>
/// The grants that users gave apps, read from OpenIddict's authorizations and tokens, whose
/// subject is the persona's username. A backend service's <c>client_credentials</c> tokens
/// have no user and no authorization, so they never appear.
/// </summary>
public sealed class UserGrants(
    IServiceScopeFactory scopeFactory,
    AppRegistry apps,
    TimeProvider timeProvider,
    ILogger<UserGrants> logger)
{
    /// <summary>
    /// Lists the apps with a usable access or refresh token under a grant of the user,
    /// sorted by app name. A grant whose authorization code is not redeemed yet is left out
    /// until the app redeems it.
    /// </summary>
    public async Task<IReadOnlyList<AppAccess>> ListAsync(string username, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var reader = new GrantReader(scope.ServiceProvider, timeProvider.GetUtcNow());
        var grants = new List<(string ClientId, AppGrant Grant)>();
        await foreach (var authorization in reader.Authorizations.FindBySubjectAsync(username, cancellationToken))
        {
            if (await reader.ReadAsync(authorization, cancellationToken) is { } grant)
                grants.Add(grant);
        }

        var result = new List<AppAccess>();
        foreach (var group in grants.GroupBy(grant => grant.ClientId, StringComparer.Ordinal))
        {
            // Every app kind is listed: a backend service's own tokens have no authorization, but
            // an app replaced as a backend service keeps the grants and tokens it had before.
            if (await apps.FindAsync(group.Key, cancellationToken) is not { } app)
                continue;

            var newestFirst = group.Select(grant => grant.Grant).OrderByDescending(grant => grant.GrantedAt).ToList();
            result.Add(new AppAccess(app, newestFirst));
        }

        return [.. result.OrderBy(access => access.App.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Revokes every valid grant that the user gave the app, with every token issued under
    /// them, and returns how many grants it revoked: 0 when the user gave the app none. Grants
    /// of other users are never touched.
    /// </summary>
    public async Task<int> RevokeAsync(string username, string clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();

        // OpenIddict 7.9's FindByClientIdAsync throws ArgumentException for an empty client id.
        var application = clientId.Length == 0 ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
            return 0;

        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var matches = new List<object>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(username, cancellationToken))
        {
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken) == applicationId
                && await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken))
                matches.Add(authorization);
        }

        long tokenCount = 0;
        foreach (var authorization in matches)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
            var authorizationId = await authorizations.GetIdAsync(authorization, cancellationToken);
            tokenCount += await tokens.RevokeByAuthorizationIdAsync(authorizationId!, cancellationToken);
        }

        if (matches.Count > 0)
            Log.UserGrantsRevoked(logger, matches.Count, clientId, username, tokenCount);

        return matches.Count;
    }
}
