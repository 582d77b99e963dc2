using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// A handler that strips the extra spaces between <c>Bearer</c> and the access token of an
/// Authorization header. RFC 6750 section 2.1 allows one or more (<c>"Bearer" 1*SP b64token</c>),
/// but OpenIddict 7.9 cuts the header after the first space, so without this handler the token
/// would keep the others and fail validation.
/// </summary>
internal sealed class BearerSchemeSpaces : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<BearerSchemeSpaces>()
            .SetOrder(OpenIddictValidationAspNetCoreHandlers.ExtractAccessTokenFromAuthorizationHeader.Descriptor.Order + 1)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessToken is { Length: > 0 } token && token[0] == ' ')
            context.AccessToken = token.TrimStart(' ');

        return default;
    }
}
