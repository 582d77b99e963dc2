using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Auth.Endpoints;
using Sandbox.Smart;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Adds the granted scopes, <c>fhirUser</c> and the SMART launch context to introspection
/// responses. SMART App Launch 2.2 (token introspection) requires every launch context parameter
/// of the token response, so they are the ones <see cref="TokenPrincipals.ReadContext"/> returns.
/// OpenIddict returns the scopes only to callers listed as the token's audience (the FHIR base
/// URL), so the app the token was issued to would otherwise see no context. OpenIddict has
/// already returned <c>active: false</c> to callers that are neither audience nor presenter.
/// </summary>
internal sealed class IntrospectionContextClaims : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
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

        if (principal.GetClaim(SmartParameters.FhirUser) is { } fhirUser)
            context.Claims[SmartParameters.FhirUser] = fhirUser;

        foreach (var (name, value) in TokenPrincipals.ReadContext(principal))
        {
            context.Claims[name] = value switch
            {
                bool flag => new OpenIddictParameter(flag),
                JsonElement json => new OpenIddictParameter(json),
                _ => new OpenIddictParameter((string)value),
            };
        }

        return default;
    }
}
