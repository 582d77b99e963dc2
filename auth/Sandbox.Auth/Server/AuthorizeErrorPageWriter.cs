using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Pages.Auth;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Writes an HTML page that names the failed check for an authorization error that cannot be
/// redirected (unknown client, missing or unregistered redirect URI), in place of OpenIddict's
/// plain-text page.
/// </summary>
internal sealed class AuthorizeErrorPageWriter(AuthorizeRedirectVerifier verifier) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    // Runs after OpenIddict's query, fragment and form_post handlers, which send every response
    // that has a redirect URI, and before OpenIddict writes its own error page.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<AuthorizeErrorPageWriter>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFragmentResponse.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        var httpContext = context.Transaction.GetHttpRequest()?.HttpContext;
        if (httpContext is null || string.IsNullOrEmpty(context.Response.Error) || !string.IsNullOrEmpty(context.RedirectUri))
            return;

        var model = await DescribeAsync(context);
        Log.AuthorizeRejected(context.Logger, context.Request?.ClientId, model.Error, model.Reason);
        await AuthorizeErrorPage.WriteAsync(httpContext, model, context.CancellationToken);
        context.HandleRequest();
    }

    private async Task<AuthorizeErrorModel> DescribeAsync(ApplyAuthorizationResponseContext context)
    {
        var response = context.Response;
        var libraryError = $"{response.Error}: {response.ErrorDescription}";
        var check = context.Request is null ? null : await verifier.CheckAsync(context.Request, context.CancellationToken);
        if (check is { IsVerified: false })
            return new AuthorizeErrorModel(check.Error!, check.Reason!, libraryError);

        // Either OpenIddict could read no request (for example a POST that is not a form) or the
        // check passed and the redirect was left out elsewhere: OpenIddict's description is all there is.
        return new AuthorizeErrorModel(response.Error!, response.ErrorDescription ?? "The authorization request is invalid.");
    }
}
