using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Removes <c>scope</c> from an <c>authorization_code</c> token request before OpenIddict
/// validates it. RFC 6749 section 4.1.3 defines no <c>scope</c> on this request, and OpenIddict
/// 7.9 rejects one with <c>invalid_request</c>, but some OAuth libraries send it and servers
/// commonly ignore it. The code's grant decides the scopes, so the value neither widens nor
/// narrows them.
/// </summary>
internal sealed class AuthorizationCodeScopeRemover : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<AuthorizationCodeScopeRemover>()
            .SetOrder(RefreshScopeDeferral.Descriptor.Order + 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        var request = context.Request;
        if (request is null || !request.IsAuthorizationCodeGrantType())
            return default;

        request.RemoveParameter(Parameters.Scope);
        return default;
    }
}
