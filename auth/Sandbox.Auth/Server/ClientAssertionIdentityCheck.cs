using OpenIddict.Server;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects a client assertion whose <c>iss</c> and <c>sub</c> are not both the client id of a
/// registered app with 401 <c>invalid_client</c> (RFC 6749 section 5.2, RFC 7523 section 3),
/// before its keys are looked up. OpenIddict 7.9 reports the same mismatch as
/// <c>invalid_grant</c>, and an <c>iss</c> that names no registered app as a missing signing
/// key, so without this check the error depended on the grant and hid which value was wrong.
/// </summary>
/// <remarks>
/// The app lookup goes through <see cref="AppRegistry"/>, which caches each app, so that
/// <see cref="ClientJwksResolver"/>, which runs next, finds it again without a store read.
/// </remarks>
internal sealed class ClientAssertionIdentityCheck(AppRegistry apps) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionIdentityCheck>()
            .SetOrder(ClientAssertionValidationWidener.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!ClientAssertionValidationWidener.IsClientAssertion(context) || string.IsNullOrEmpty(context.Token))
            return;

        // A malformed assertion, or one without iss or sub, is left to the checks that name
        // that problem.
        var assertion = ClientAssertionToken.Read(context.Transaction, context.Token);
        if (assertion is null
            || !assertion.TryGetPayloadValue<string>(Claims.Issuer, out var issuer)
            || !assertion.TryGetPayloadValue<string>(Claims.Subject, out var subject))
        {
            return;
        }

        var reason = FindMismatch(issuer, subject, context.Transaction.Request?.ClientId);
        if (reason is null && await apps.FindAsync(issuer, context.CancellationToken) is null)
        {
            reason = $"The client assertion's iss '{issuer}' is not the client id of any registered app. " +
                "Register the app, or set iss and sub to the client id it was registered with.";
        }

        if (reason is null)
            return;

        Log.ClientAssertionRejected(context.Logger, issuer, reason);
        context.Reject(Errors.InvalidClient, reason);
    }

    private static string? FindMismatch(string issuer, string subject, string? clientId)
    {
        const string Rule = "SMART App Launch requires iss and sub to both be the client_id.";
        if (!string.Equals(issuer, subject, StringComparison.Ordinal))
            return $"The client assertion's sub '{subject}' does not equal its iss '{issuer}'. {Rule}";

        if (!string.IsNullOrEmpty(clientId) && !string.Equals(clientId, issuer, StringComparison.Ordinal))
            return $"The client assertion's iss and sub '{issuer}' do not equal the client_id '{clientId}' of the request. {Rule}";

        return null;
    }
}
