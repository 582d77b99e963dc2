using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Issues id_tokens without a token entry in the store, which saves a row insert on every code
/// redemption. The sandbox never takes an id_token back, because it serves no end-session
/// endpoint for <c>id_token_hint</c>, allows no token exchange grant, and accepts only access
/// tokens on <c>/fhir</c>. A replayed code still revokes the access and refresh tokens it
/// produced, whose entries stay. OpenIddict's token entry check skips a token without an entry id.
/// </summary>
/// <remarks>
/// NOTE: an id_token cannot be marked revoked without an entry, for example after a replayed
/// code. Give it an entry again before adding anything that accepts id_tokens.
/// </remarks>
internal sealed class IdentityTokenWithoutEntry : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<IdentityTokenWithoutEntry>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.IdentityToken)
            context.CreateTokenEntry = false;

        return ValueTask.CompletedTask;
    }
}
