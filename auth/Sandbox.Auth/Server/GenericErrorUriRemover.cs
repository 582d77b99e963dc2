using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Removes the <c>error_uri</c> OpenIddict 7.9 attaches to errors the sandbox raises itself
/// (ID2015 on the authorize endpoint, ID2024 on the token endpoint). Those pages describe
/// OpenIddict's generic rejections, not the sandbox's reason, which <c>error_description</c> states.
/// </summary>
internal sealed class GenericErrorUriRemover :
    IOpenIddictServerHandler<ApplyAuthorizationResponseContext>,
    IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    private static readonly string[] GenericPages = ["/errors/ID2015", "/errors/ID2024"];

    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<GenericErrorUriRemover>()
            .SetOrder(OAuthErrorJournal.AuthorizationDescriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<GenericErrorUriRemover>()
            .SetOrder(OAuthErrorJournal.TokenDescriptor.Order + 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        Remove(context.Response);
        return default;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        Remove(context.Response);
        return default;
    }

    private static void Remove(OpenIddict.Abstractions.OpenIddictResponse response)
    {
        if (response.ErrorUri is { } uri && GenericPages.Any(page => uri.EndsWith(page, StringComparison.Ordinal)))
            response.ErrorUri = null;
    }
}
