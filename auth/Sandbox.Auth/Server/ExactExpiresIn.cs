using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Sets <c>expires_in</c> of a token response to the access token's lifetime, the time from
/// its <c>iat</c> to its <c>exp</c>. OpenIddict 7.9 counts from the moment it builds the
/// response, so a one-hour token came out as 3599 seconds in about half of the responses.
/// </summary>
internal sealed class ExactExpiresIn : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<ExactExpiresIn>()
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (!context.IncludeAccessToken || context.Response.ExpiresIn is null)
            return default;

        var principal = context.AccessTokenPrincipal;
        if (principal?.GetCreationDate() is not { } created || principal.GetExpirationDate() is not { } expires)
            return default;

        // Whole seconds, as the JWT's iat and exp carry them.
        var lifetime = expires.ToUnixTimeSeconds() - created.ToUnixTimeSeconds();
        context.Response.ExpiresIn = lifetime;
        return default;
    }
}
