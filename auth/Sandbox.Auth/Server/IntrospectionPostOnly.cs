using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Rejects an introspection request that is not a POST with <c>invalid_request</c>, as RFC 7662
/// section 2.1 requires. OpenIddict 7.9 also reads a GET request's query string, where the
/// token and a client secret end up in server and proxy logs. The token and revocation
/// endpoints already accept only POST.
/// </summary>
internal sealed class IntrospectionPostOnly : IOpenIddictServerHandler<ExtractIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionPostOnly>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<ExtractIntrospectionRequestContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractIntrospectionRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || HttpMethods.IsPost(request.Method))
            return default;

        context.Reject(
            Errors.InvalidRequest,
            $"The introspection endpoint accepts only POST (RFC 7662 section 2.1), not {request.Method}. "
                + "Send the token and the client credentials in a form body, never in the URL.");
        return default;
    }
}
