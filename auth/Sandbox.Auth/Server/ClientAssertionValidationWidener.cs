using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Lets SMART Backend Services client assertions through OpenIddict's token validation.
/// OpenIddict 7.9 follows the newer client-authentication draft and demands
/// <c>typ: client-authentication+jwt</c> with the issuer as audience, while SMART clients
/// send <c>typ: JWT</c> with the token endpoint URL as audience. This handler lets both forms
/// through IdentityModel when the token being validated is a client assertion.
/// <see cref="ClientAssertionAudienceCheck"/> then rejects any <c>aud</c> but the token endpoint
/// URL, and <see cref="ClientAssertionClaimCheck"/> any <c>typ</c> but <c>JWT</c>.
/// </summary>
internal sealed class ClientAssertionValidationWidener : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionValidationWidener>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>The clock skew allowed on a client assertion's <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!IsClientAssertion(context))
            return default;

        var parameters = context.TokenValidationParameters;
        var types = new HashSet<string>(parameters.ValidTypes ?? [], StringComparer.OrdinalIgnoreCase)
        {
            JsonWebTokenTypes.GenericJsonWebToken,
            JsonWebTokenTypes.ClientAuthentication,
        };
        parameters.ValidTypes = types;

        // Apps created outside the registry skip the key checks of ClientJwksResolver, but not this list.
        parameters.ValidAlgorithms = ClientAssertionAlgorithms.Supported;

        // The default skew of five minutes, added to the five minutes an assertion may live, would
        // accept an assertion up to ten minutes old.
        parameters.ClockSkew = MaxClockSkew;

        if (context.BaseUri is not null && context.ValidAudiences.Count > 0)
            context.ValidAudiences.Add(TokenEndpointUrl(context.BaseUri));

        return default;
    }

    /// <summary>The token endpoint URL, the only <c>aud</c> a client assertion may carry.</summary>
    public static string TokenEndpointUrl(Uri baseUri) =>
        new Uri(baseUri, AuthPaths.Token.TrimStart('/')).AbsoluteUri;

    /// <summary>Whether the context validates a client assertion and nothing else.</summary>
    public static bool IsClientAssertion(ValidateTokenContext context) =>
        context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion);
}
