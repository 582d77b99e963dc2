using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Marks a validated client assertion as a client assertion again. OpenIddict derives the
/// token type from the <c>typ</c> header, so an assertion with <c>typ: JWT</c> comes out as an
/// identity token, which later checks reject with an HTTP 500.
/// </summary>
internal sealed class ClientAssertionTypeRestorer : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionTypeRestorer>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not null && ClientAssertionValidationWidener.IsClientAssertion(context))
            context.Principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);

        return default;
    }
}
