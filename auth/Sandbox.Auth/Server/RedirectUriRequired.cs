using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects an authorization request without <c>redirect_uri</c>. OAuth 2 lets a server fall
/// back to a client's only registered URI, but SMART App Launch makes the parameter required,
/// and an app that leaves it out would fail against a production EHR.
/// </summary>
internal sealed class RedirectUriRequired : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<RedirectUriRequired>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRequestParameter.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (string.IsNullOrEmpty(context.Request.RedirectUri))
            context.Reject(Errors.InvalidRequest, "The redirect_uri parameter is missing; SMART App Launch requires it on every authorization request.");

        return ValueTask.CompletedTask;
    }
}
