using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Accepts an RFC 8707 <c>resource</c> only when it names the FHIR base URL, the one resource
/// server the sandbox issues tokens for and the value every access token has as <c>aud</c>.
/// Any other value gets <c>invalid_target</c>. OpenIddict 7.9 accepts only resources registered
/// at start-up, but the FHIR base URL follows the host of each request, so OpenIddict's
/// resource validation is off and this check takes its place. It compares as the <c>aud</c>
/// check of the authorize endpoint does.
/// </summary>
internal sealed class FhirBaseResourceCheck :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    // Runs after OpenIddict's own check of the form of each resource value.
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<FhirBaseResourceCheck>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateResourceParameter.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<FhirBaseResourceCheck>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateResourceParameter.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var problem = FindProblem(context.Transaction, context.Request);
        if (problem is null)
            return default;

        Log.AuthorizeRejected(context.Logger, context.Request.ClientId, Errors.InvalidTarget, problem);
        context.Reject(Errors.InvalidTarget, problem);
        return default;
    }

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var problem = FindProblem(context.Transaction, context.Request);
        if (problem is null)
            return default;

        Log.TokenRequestRejected(context.Logger, context.Request.ClientId, Errors.InvalidTarget, problem);
        context.Reject(Errors.InvalidTarget, problem);
        return default;
    }

    private static string? FindProblem(OpenIddictServerTransaction transaction, OpenIddictRequest request)
    {
        var resources = request.Resources;
        var httpRequest = transaction.GetHttpRequest();
        if (resources is not { Length: > 0 } || httpRequest is null)
            return null;

        var fhirBase = SandboxUrls.FhirBase(httpRequest);
        foreach (var resource in resources)
        {
            if (!SandboxUrls.IsFhirBase(httpRequest, resource))
                return $"resource '{resource}' is not this server's FHIR base URL '{fhirBase}', the only resource it issues tokens for. Send that URL as resource, or leave resource out.";
        }

        return null;
    }
}
