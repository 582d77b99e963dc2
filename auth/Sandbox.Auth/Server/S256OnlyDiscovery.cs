using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Keeps <c>plain</c> out of the OpenID Connect discovery document. OpenIddict keeps the
/// method enabled so that its own request validation lets a <c>plain</c> challenge through to
/// the authorize endpoint, whose error redirect states that SMART allows only S256.
/// </summary>
internal sealed class S256OnlyDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<S256OnlyDiscovery>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachCodeChallengeMethods.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
        return default;
    }
}
