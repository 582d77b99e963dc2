using Microsoft.AspNetCore;
using Microsoft.Net.Http.Headers;
using OpenIddict.Server;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects a client secret sent another way than the app's registered
/// <see cref="SmartApp.TokenEndpointAuthMethod"/> with 401 <c>invalid_client</c> naming that
/// method (RFC 7591 section 2). OpenIddict 7.9 accepts the secret in an HTTP Basic header or in
/// the form body from every client. An app registered without a method may use either.
/// </summary>
internal sealed class ClientSecretMethodCheck(AppRegistry apps) :
    IOpenIddictServerHandler<ValidateTokenRequestContext>,
    IOpenIddictServerHandler<ValidateIntrospectionRequestContext>,
    IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<ClientSecretMethodCheck>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor IntrospectionDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseSingletonHandler<ClientSecretMethodCheck>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthentication.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
            .UseSingletonHandler<ClientSecretMethodCheck>()
            .SetOrder(OpenIddictServerHandlers.Revocation.ValidateAuthentication.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context) => CheckAsync(context);

    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context) => CheckAsync(context);

    public ValueTask HandleAsync(ValidateRevocationRequestContext context) => CheckAsync(context);

    private async ValueTask CheckAsync(BaseValidatingContext context)
    {
        var request = context.Transaction.Request;
        var httpRequest = context.Transaction.GetHttpRequest();
        if (request is null || httpRequest is null || string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret))
            return;

        var app = await apps.FindAsync(request.ClientId, context.CancellationToken);
        var registered = app?.TokenEndpointAuthMethod;
        if (registered is not (TokenEndpointAuthMethods.ClientSecretBasic or TokenEndpointAuthMethods.ClientSecretPost))
            return;

        // OpenIddict copies the credentials of a Basic header into the request, and rejects a
        // request that sends a secret both ways, so the header alone shows which way was used.
        var header = httpRequest.Headers[HeaderNames.Authorization].ToString();
        var used = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? TokenEndpointAuthMethods.ClientSecretBasic
            : TokenEndpointAuthMethods.ClientSecretPost;
        if (used == registered)
            return;

        var reason = registered == TokenEndpointAuthMethods.ClientSecretBasic
            ? $"client '{request.ClientId}' is registered with token_endpoint_auth_method client_secret_basic, but sent its secret "
                + "in the form body (client_secret_post). Send client_id and client_secret in an Authorization: Basic header."
            : $"client '{request.ClientId}' is registered with token_endpoint_auth_method client_secret_post, but sent its secret "
                + "in an Authorization: Basic header (client_secret_basic). Send client_id and client_secret in the form body.";
        Log.ClientAuthenticationRejected(context.Logger, request.ClientId, httpRequest.Path, reason);
        context.Reject(Errors.InvalidClient, reason);
    }
}
