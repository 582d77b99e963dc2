using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Smart;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Adds the granted scopes and the SMART context to introspection responses. OpenIddict
/// returns them only to callers listed as the token's audience (the FHIR base URL), so the
/// app the token was issued to would otherwise see no context. OpenIddict has already
/// returned <c>active: false</c> to callers that are neither audience nor presenter.
/// </summary>
internal sealed class IntrospectionContextClaims : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    private static readonly string[] ContextClaimNames = [SmartParameters.Patient, SmartParameters.Encounter, SmartParameters.FhirUser];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionContextClaims>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null || principal.GetTokenType() != TokenTypeIdentifiers.AccessToken)
            return default;

        foreach (var scope in principal.GetScopes())
            context.Scopes.Add(scope);

        foreach (var name in ContextClaimNames)
        {
            if (principal.GetClaim(name) is { } value)
                context.Claims[name] = value;
        }

        return default;
    }
}
