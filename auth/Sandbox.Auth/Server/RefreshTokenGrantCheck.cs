using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Keeps refresh tokens from an app whose <see cref="SmartApp.RefreshTokens"/> is false, such as
/// one registered at <c>/auth/register</c> without the <c>refresh_token</c> grant. The authorize
/// and token endpoints treat <c>offline_access</c> and <c>online_access</c> as scopes the app may
/// not have. These handlers cover the checks that OpenIddict makes on its own.
/// </summary>
internal sealed class RefreshTokenGrantCheck(AppRegistry apps) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>The <c>HttpContext.Items</c> key that keeps the scope as the client sent it.</summary>
    public const string RequestedScopeItem = "sandbox_scope_without_refresh_grant";

    // OpenIddict 7.9 rejects offline_access with invalid_request for a client without the
    // refresh_token grant permission. This handler runs just before that check and takes the
    // scope out, so the authorize endpoint can apply the app's scope policy to it instead.
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<RefreshTokenGrantCheck>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateGrantTypePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    // Runs after OpenIddict has authenticated the client and before it validates the refresh
    // token. A registration change that takes refresh tokens away revokes the app's refresh
    // tokens (see AppRegistry), and OpenIddict would reject such a token with invalid_grant
    // without saying why.
    // OpenIddict's own grant permission check comes later and does not say how to fix the app.
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<RefreshTokenGrantCheck>()
            .SetOrder(OpenIddictServerHandlers.ValidateRefreshToken.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var request = context.Request;
        if (!request.HasScope(SmartScopes.OfflineAccess) || await AllowsRefreshTokensAsync(request.ClientId, context.CancellationToken))
            return;

        OfflineAccessDeferral.SetAside(context.Transaction, request, RequestedScopeItem);
    }

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var clientId = context.Request.ClientId;
        if (context.EndpointType != OpenIddictServerEndpointType.Token || !context.Request.IsRefreshTokenGrantType())
            return;
        if (await AllowsRefreshTokensAsync(clientId, context.CancellationToken))
            return;

        var description = DescribeRefreshGrantRejection(clientId!);
        Log.TokenRequestRejected(context.Logger, clientId, Errors.UnauthorizedClient, description);
        context.Reject(Errors.UnauthorizedClient, description);
    }

    private static string DescribeRefreshGrantRejection(string clientId) =>
        $"client_id '{clientId}' is registered without the refresh_token grant, so it may not use refresh tokens. "
        + "Register the app with grant_types that include refresh_token (POST /auth/register) or set refreshTokens "
        + $"to true (PUT /api/apps/{clientId}), then authorize again.";

    // An unknown client keeps OpenIddict's own error, so it counts as allowed here.
    private async ValueTask<bool> AllowsRefreshTokensAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId))
            return true;

        var app = await apps.FindAsync(clientId, cancellationToken);
        return app?.RefreshTokens ?? true;
    }
}
