using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Revokes the whole grant when a client revokes one of its refresh tokens: the authorization
/// and every token issued under it, access tokens included. Under RFC 7009 section 2.1 a server
/// that can do so SHOULD invalidate the access tokens of the same grant. OpenIddict 7.9 revokes
/// only the token sent. The FHIR endpoint checks the token and authorization entries, so it
/// rejects those access tokens from the next request on.
/// </summary>
internal sealed class GrantRevocation(
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    ILogger<GrantRevocation> logger) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .UseScopedHandler<GrantRevocation>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken)
            return;

        var authorizationId = principal.GetAuthorizationId();
        if (string.IsNullOrEmpty(authorizationId))
            return;

        var authorization = await authorizations.FindByIdAsync(authorizationId, context.CancellationToken);
        if (authorization is not null)
            await authorizations.TryRevokeAsync(authorization, context.CancellationToken);

        var count = await tokens.RevokeByAuthorizationIdAsync(authorizationId, context.CancellationToken);
        Log.GrantRevoked(logger, authorizationId, context.Request.ClientId, count);
    }
}
