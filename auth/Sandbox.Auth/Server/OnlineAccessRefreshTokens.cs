using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Issues refresh tokens for <c>online_access</c> as well as <c>offline_access</c>. OpenIddict
/// only knows <c>offline_access</c>; SMART's <c>online_access</c> asks for a refresh token that
/// lives as long as the user's session, which the sandbox models as a shorter lifetime.
/// </summary>
internal sealed class OnlineAccessRefreshTokens : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<OnlineAccessRefreshTokens>()
            .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        var isCodeOrRefresh = context.Request.IsAuthorizationCodeGrantType() || context.Request.IsRefreshTokenGrantType();
        if (context.EndpointType != OpenIddictServerEndpointType.Token || !isCodeOrRefresh)
            return default;

        if (context.Principal?.HasScope(SmartScopes.OnlineAccess) == true)
        {
            context.GenerateRefreshToken = true;
            context.IncludeRefreshToken = true;
        }

        return default;
    }
}
