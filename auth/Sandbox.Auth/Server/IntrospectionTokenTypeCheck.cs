using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// A check that makes the introspection of a token other than an access or refresh token, such
/// as an id_token or an authorization code, return <c>active: false</c>.
/// </summary>
/// <remarks>
/// OpenIddict 7.9 rejects such a token with 400 <c>unsupported_token_type</c>, an error that
/// RFC 7009 defines for revocation and RFC 7662 does not define. RFC 7662 section 2.2 requires
/// <c>active: false</c> for a token that the caller may not introspect. Rejecting it here with
/// <c>invalid_token</c> lets OpenIddict's own error normalization write that response.
/// </remarks>
internal sealed class IntrospectionTokenTypeCheck : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionTokenTypeCheck>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateTokenType.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null
            || principal.HasTokenType(TokenTypeIdentifiers.AccessToken)
            || principal.HasTokenType(TokenTypeIdentifiers.RefreshToken))
        {
            return default;
        }

        context.Reject(Errors.InvalidToken, "Only access tokens and refresh tokens can be introspected.");
        return default;
    }
}
