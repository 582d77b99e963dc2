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
/// so that keys rotated there are used without registering the app again. An assertion whose
/// <c>alg</c> does not fit its key is rejected here (see <see cref="ClientAssertionAlgorithms"/>).
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
    private readonly ConditionalWeakTable<SmartApp, AppKeys> _registeredKeys = new();

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientJwksResolver>()
            .SetOrder(ClientAssertionIdentityCheck.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!ClientAssertionValidationWidener.IsClientAssertion(context) || string.IsNullOrEmpty(context.Token))
            return;

        var assertion = ClientAssertionToken.Read(context.Transaction, context.Token);
        var issuer = assertion?.Issuer;
        var app = string.IsNullOrEmpty(issuer) ? null : await apps.FindAsync(issuer, context.CancellationToken);
        if (app is null)
            return;

        var keys = app.Jwks is not null ? _registeredKeys.GetValue(app, ParseRegisteredKeys)
            : app.JwksUrl is not null ? await FetchKeysAsync(app, context)
            : null;
        if (keys is null)
            return;

        // Checked before the signature, so that the error names the algorithm problem.
        var problem = ClientAssertionAlgorithms.FindProblem(assertion!, keys.Set.Keys);
        if (problem is not null)
        {
            Log.ClientAssertionRejected(context.Logger, issuer, problem);
            context.Reject(Errors.InvalidClient, problem);
            return;
        }

        // A resolver set by OpenIddict would take precedence over the key list, so both are replaced.
        var signingKeys = keys.SigningKeys;
        context.TokenValidationParameters.IssuerSigningKeys = signingKeys;
        context.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => signingKeys;
    }

    // The registry accepted this JWK Set at registration, so it parses here too.
    private static AppKeys ParseRegisteredKeys(SmartApp app) =>
        AppKeys.From(new JsonWebKeySet(app.Jwks!.ToJsonString()));

    private async Task<AppKeys?> FetchKeysAsync(SmartApp app, ValidateTokenContext context)
    {
        var keys = await fetcher.FetchAsync(app, context.CancellationToken);
        if (keys is not null)
            return AppKeys.From(keys);

        context.Reject(Errors.InvalidClient, "The JWKS at the registered URL could not be fetched; check that the app's jwksUrl serves its JWK Set.");
        return null;
    }

    /// <summary>An app's JWK Set with the signing keys that IdentityModel reads from it.</summary>
    private sealed record AppKeys(JsonWebKeySet Set, IList<SecurityKey> SigningKeys)
    {
        public static AppKeys From(JsonWebKeySet set) => new(set, set.GetSigningKeys());
    }
}
