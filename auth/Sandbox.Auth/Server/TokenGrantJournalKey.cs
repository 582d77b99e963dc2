using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Stores the launch journal key of a redeemed code or refresh token in
/// <see cref="OAuthErrorJournal.LaunchItem"/> as soon as OpenIddict has read the token. A
/// mismatched <c>code_verifier</c>, <c>redirect_uri</c> or client is then recorded in the
/// timeline of the launch that issued the code, instead of the client's journal.
/// </summary>
internal sealed class TokenGrantJournalKey : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    // ValidateAuthentication sets the code or refresh token principal. The checks that compare
    // the request with it, such as ValidateCodeVerifier, run after this handler.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<TokenGrantJournalKey>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var principal = context.AuthorizationCodePrincipal ?? context.RefreshTokenPrincipal;
        var key = principal?.GetClaim(ContextClaims.Launch) ?? principal?.GetClaim(ContextClaims.Journal);
        var httpContext = context.Transaction.GetHttpRequest()?.HttpContext;
        if (key is not null && httpContext is not null)
            httpContext.Items[OAuthErrorJournal.LaunchItem] = key;

        return default;
    }
}
