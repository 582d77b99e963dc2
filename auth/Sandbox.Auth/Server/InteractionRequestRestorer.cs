using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Endpoints;
using Sandbox.Auth.Interaction;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Puts back the authorization request that an interaction session keeps, when the sign-in,
/// picker or consent page returns to the authorize endpoint with only the session id. The
/// stored parameters replace whatever else the URL carries, so they cannot be changed on the
/// way. An unknown or expired session, or one that another browser opened, leaves the request as it came, and
/// <see cref="AuthorizeRedirectVerifier"/> names the session on the error page.
/// </summary>
/// <remarks>
/// OpenIddict 7.9 has request caching (<c>EnableAuthorizationRequestCaching</c>), but it stores
/// every authorization request as a request token and sends the browser back to the endpoint
/// with a <c>request_uri</c> first, one more redirect and token write for each launch, also for
/// those that show no page.
/// </remarks>
internal sealed class InteractionRequestRestorer(InteractionStore interactions) : IOpenIddictServerHandler<ExtractAuthorizationRequestContext>
{
    // Runs after OpenIddict's ASP.NET Core host has read the query or form.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseSingletonHandler<InteractionRequestRestorer>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractAuthorizationRequestContext context)
    {
        var sessionId = (string?)context.Request?.GetParameter(AuthorizeEndpoint.SessionParameter);
        var session = interactions.Find(sessionId);
        var httpContext = context.Transaction.GetHttpRequest()?.HttpContext;
        if (session is null || httpContext is null || !InteractionBrowser.Owns(httpContext, session))
            return default;

        var restored = new OpenIddictRequest(session.RequestParameters);
        restored.SetParameter(AuthorizeEndpoint.SessionParameter, session.Id);
        context.Request = restored;
        return default;
    }
}
