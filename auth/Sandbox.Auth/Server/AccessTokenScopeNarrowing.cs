using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Smart.Scopes;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Applies the narrower <c>scope</c> of a refresh request to the new access token only. RFC 6749
/// section 6 requires a new refresh token to keep the scope of the one it replaces, so the
/// refresh token is built from the whole grant. An id_token is issued only when the narrower
/// scope keeps <c>openid</c>.
/// </summary>
internal sealed class AccessTokenScopeNarrowing : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>The <c>HttpContext.Items</c> key of the checked scopes of the access token.</summary>
    public const string ScopesItem = "sandbox_access_token_scopes";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<AccessTokenScopeNarrowing>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        var httpContext = context.Transaction.GetHttpRequest()?.HttpContext;
        if (httpContext?.Items[ScopesItem] is not IReadOnlyList<string> scopes)
            return default;

        context.AccessTokenPrincipal?.SetScopes(scopes);
        if (!scopes.Contains(SmartScopes.OpenId))
        {
            context.GenerateIdentityToken = false;
            context.IncludeIdentityToken = false;
        }

        return default;
    }
}
