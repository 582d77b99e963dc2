using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Reports a client assertion that fails validation at the introspection or revocation endpoint
/// as 401 <c>invalid_client</c> (RFC 7662 section 2.3, RFC 7009 section 2.2.1). OpenIddict 7.9
/// reports some assertion failures, such as a wrong <c>aud</c>, as <c>invalid_token</c>, which
/// these endpoints then turn into <c>active: false</c> or an empty 200. The client would believe
/// that the token is inactive or revoked while it stays valid. An expired assertion and one with
/// a bad signature also get a description that names the client assertion.
/// </summary>
internal sealed class ClientAssertionEndpointErrors(TimeProvider timeProvider) :
    IOpenIddictServerHandler<ApplyIntrospectionResponseContext>,
    IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor IntrospectionDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyIntrospectionResponseContext>()
            .UseSingletonHandler<ClientAssertionEndpointErrors>()
            .SetOrder(OpenIddictServerHandlers.Introspection.NormalizeErrorResponse.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>()
            .UseSingletonHandler<ClientAssertionEndpointErrors>()
            .SetOrder(OpenIddictServerHandlers.Revocation.NormalizeErrorResponse.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyIntrospectionResponseContext context)
    {
        if (!ClientAssertionFailures.ReplaceMissingTypeDescription(context.Request, context.Response))
            MapAssertionFailure(context.Transaction, context.Response);

        return default;
    }

    public ValueTask HandleAsync(ApplyRevocationResponseContext context)
    {
        if (!ClientAssertionFailures.ReplaceMissingTypeDescription(context.Request, context.Response))
            MapAssertionFailure(context.Transaction, context.Response);

        return default;
    }

    // The client is authenticated before the token in the request is validated. So an
    // invalid_token or invalid_client error in a request whose assertion never produced a
    // principal comes from the assertion, not from the token being introspected or revoked.
    private void MapAssertionFailure(OpenIddictServerTransaction transaction, OpenIddictResponse response)
    {
        if (response.Error is not (Errors.InvalidToken or Errors.InvalidClient))
            return;

        var authentication = transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        if (string.IsNullOrEmpty(authentication?.ClientAssertion) || authentication.ClientAssertionPrincipal is not null)
            return;

        response.Error = Errors.InvalidClient;
        var assertion = ClientAssertionToken.Read(transaction, authentication.ClientAssertion);
        var reason = ClientAssertionFailures.ReplaceGenericDescription(response, assertion, timeProvider.GetUtcNow());
        if (reason is not null)
            Log.ClientAssertionRejected(transaction.Logger, assertion?.Issuer, reason);
    }
}
