using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Supplies the current keys of an app registered with a JWKS URL when its client assertion is
/// validated, so keys rotated at that URL are used without registering the app again.
/// </summary>
internal sealed class ClientJwksResolver(AppRegistry apps, JwksFetcher fetcher) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientJwksResolver>()
            .SetOrder(ClientAssertionValidationWidener.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!ClientAssertionValidationWidener.IsClientAssertion(context) || string.IsNullOrEmpty(context.Token))
            return;

        var issuer = ReadIssuer(context.Token);
        var app = issuer is null ? null : await apps.FindAsync(issuer, context.CancellationToken);
        if (app?.JwksUrl is null || app.Jwks is not null)
            return;

        var keys = await fetcher.FetchAsync(app, context.CancellationToken);
        if (keys is null)
        {
            context.Reject(Errors.InvalidClient, "The JWKS at the registered URL could not be fetched; check that the app's jwksUrl serves its JWK Set.");
            return;
        }

        // A resolver set by OpenIddict would take precedence over the key list, so both are replaced.
        var signingKeys = keys.GetSigningKeys();
        context.TokenValidationParameters.IssuerSigningKeys = signingKeys;
        context.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => signingKeys;
    }

    private static string? ReadIssuer(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
