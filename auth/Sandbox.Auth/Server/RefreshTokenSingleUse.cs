using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects the losers when one refresh token is redeemed by concurrent requests. OpenIddict 7.9
/// marks a refresh token as redeemed but ignores whether that succeeded, because a reuse leeway
/// may allow a second use; the sandbox sets the leeway to zero, so only the request whose
/// redemption wins may rotate the token. Sequential reuse is rejected by OpenIddict itself.
/// </summary>
internal sealed class RefreshTokenSingleUse(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
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
        if (token is null || !await tokens.TryRedeemAsync(token, context.CancellationToken))
            context.Reject(Errors.InvalidGrant, "The refresh token has already been used. Start a new launch to get tokens again.");
    }
}
