using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Reports a client assertion that fails validation (signature, <c>aud</c>, <c>exp</c>) as
/// <c>invalid_client</c>, as RFC 6749 section 5.2 requires for failed client authentication.
/// OpenIddict 7.9 reports it as <c>invalid_token</c>, the error of the token being validated.
/// An expired assertion and one with a bad signature also get a description that names the
/// client assertion (see <see cref="ClientAssertionFailures"/>), and a warning in the log.
/// </summary>
internal sealed class ClientAssertionErrors(TimeProvider timeProvider) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<ClientAssertionErrors>()
            .SetOrder(OpenIddictServerHandlers.Exchange.NormalizeErrorResponse.Descriptor.Order + 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var request = context.Request;
        if (request is null || string.IsNullOrEmpty(request.ClientAssertion))
            return default;

        if (ClientAssertionFailures.ReplaceMissingTypeDescription(request, context.Response))
            return default;

        if (IsAssertionFailure(request, context.Response))
            context.Response.Error = Errors.InvalidClient;

        // Codes and refresh tokens fail as invalid_grant, so an invalid_client here is about the
        // client, and OpenIddict's token wording can only describe the assertion.
        if (context.Response.Error != Errors.InvalidClient)
            return default;

        var assertion = ClientAssertionToken.Read(context.Transaction, request.ClientAssertion);
        var reason = ClientAssertionFailures.ReplaceGenericDescription(context.Response, assertion, timeProvider.GetUtcNow());
        if (reason is not null)
            Log.ClientAssertionRejected(context.Logger, assertion?.Issuer, reason);

        return default;
    }

    // At the token endpoint only the client assertion is validated as a token, because codes and
    // refresh tokens fail as invalid_grant. OpenIddict reports an iss/sub mismatch as invalid_grant
    // too, which a client_credentials request (no code, no refresh token) can only get from its
    // assertion. ClientAssertionIdentityCheck rejects such a mismatch first on every grant, so
    // this mapping is only a fallback for it.
    private static bool IsAssertionFailure(OpenIddictRequest request, OpenIddictResponse response) =>
        response.Error == Errors.InvalidToken
        || (response.Error == Errors.InvalidGrant
            && (request.IsClientCredentialsGrantType()
                || response.ErrorDescription?.Contains("client_assertion", StringComparison.OrdinalIgnoreCase) == true));
}
