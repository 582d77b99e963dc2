using System.Runtime.CompilerServices;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Supplies the signing keys of the app named by a client assertion's <c>iss</c>. A registered
/// JWK Set is parsed once per registration. Keys at a JWKS URL are fetched for each assertion,
/// so that keys rotated there are used without registering the app again.
/// </summary>
/// <remarks>
/// OpenIddict 7.9's own resolver runs the application lookup through <c>Task.Run</c>, waits for
/// it on the request thread and converts the stored JWK Set into new key objects for each
/// assertion. It still serves applications created outside the registry, whose settings carry
/// no keys.
/// </remarks>
internal sealed class ClientJwksResolver(AppRegistry apps, JwksFetcher fetcher) : IOpenIddictServerHandler<ValidateTokenContext>
{
    // Keyed by the app object. The registry makes a new one when the app is replaced or read
    // from the store again, so a replaced key set is parsed anew and the old entry is collected.
    private readonly ConditionalWeakTable<SmartApp, IList<SecurityKey>> _registeredKeys = new();

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

        var issuer = ClientAssertionToken.Read(context.Transaction, context.Token)?.Issuer;
        var app = string.IsNullOrEmpty(issuer) ? null : await apps.FindAsync(issuer, context.CancellationToken);
        if (app is null)
            return;

        var keys = app.Jwks is not null ? _registeredKeys.GetValue(app, ParseRegisteredKeys)
            : app.JwksUrl is not null ? await FetchKeysAsync(app, context)
            : null;
        if (keys is null)
            return;

        // A resolver set by OpenIddict would take precedence over the key list, so both are replaced.
        context.TokenValidationParameters.IssuerSigningKeys = keys;
        context.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys;
    }

    // The registry accepted this JWK Set at registration, so it parses here too.
    private static IList<SecurityKey> ParseRegisteredKeys(SmartApp app) =>
        new JsonWebKeySet(app.Jwks!.ToJsonString()).GetSigningKeys();

    private async Task<IList<SecurityKey>?> FetchKeysAsync(SmartApp app, ValidateTokenContext context)
    {
        var keys = await fetcher.FetchAsync(app, context.CancellationToken);
        if (keys is not null)
            return keys.GetSigningKeys();

        context.Reject(Errors.InvalidClient, "The JWKS at the registered URL could not be fetched; check that the app's jwksUrl serves its JWK Set.");
        return null;
    }
}
