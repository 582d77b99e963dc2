using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects the losers when concurrent requests redeem one refresh token. OpenIddict 7.9 marks a
/// refresh token as redeemed but ignores whether that succeeded, because its reuse leeway may
/// allow a second use. The sandbox sets the leeway to zero, so only the request whose
/// redemption wins may rotate the token. OpenIddict itself rejects a later, sequential reuse.
/// </summary>
internal sealed class RefreshTokenSingleUse(
    IOpenIddictTokenManager tokens,
    ILogger<RefreshTokenSingleUse> logger) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .UseScopedHandler<RefreshTokenSingleUse>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token || !context.Request.IsRefreshTokenGrantType())
            return;

        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        var tokenId = authentication?.RefreshTokenPrincipal?.GetTokenId();
        if (string.IsNullOrEmpty(tokenId))
            return;

        // The token store returns the copy read while the request was authenticated, so the
        // redemption fails if another request redeemed the token since.
        var token = await tokens.FindByIdAsync(tokenId, context.CancellationToken);
        if (token is not null && await tokens.TryRedeemAsync(token, context.CancellationToken))
            return;

        Log.RefreshTokenAlreadyRedeemed(logger, tokenId, context.Request.ClientId);
        context.Reject(Errors.InvalidGrant, "The refresh token has already been used. Start a new launch to get tokens again.");
    }
}
