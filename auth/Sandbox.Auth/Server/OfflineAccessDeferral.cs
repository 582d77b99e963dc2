using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sandbox.Smart.Scopes;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Takes <c>offline_access</c> out of a <c>client_credentials</c> request before OpenIddict
/// validates it. OpenIddict 7.9 rejects that scope with <c>invalid_request</c> for a client without the
/// refresh token grant, which no backend service has. The token endpoint then applies the
/// app's scope policy to the whole requested scope, as it does to any scope the app may not have.
/// </summary>
internal sealed class OfflineAccessDeferral : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    /// <summary>The <c>HttpContext.Items</c> key that keeps the scope as the client sent it.</summary>
    public const string RequestedScopeItem = "sandbox_client_credentials_scope";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<OfflineAccessDeferral>()
            .SetOrder(RefreshScopeDeferral.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        var request = context.Request;
        if (request is null || !request.IsClientCredentialsGrantType() || !request.HasScope(SmartScopes.OfflineAccess))
            return default;

        SetAside(context.Transaction, request, RequestedScopeItem);
        return default;
    }

    /// <summary>
    /// Removes <c>offline_access</c> from the request's scope and keeps the scope as the client
    /// sent it in <c>HttpContext.Items</c> under <paramref name="itemKey"/>. Without an HTTP
    /// request the scope stays as it is.
    /// </summary>
    public static void SetAside(OpenIddictServerTransaction transaction, OpenIddictRequest request, string itemKey)
    {
        var httpContext = transaction.GetHttpRequest()?.HttpContext;
        if (httpContext is null)
            return;

        httpContext.Items[itemKey] = request.Scope;
        request.Scope = string.Join(' ', SmartScopes.Split(request.Scope).Where(scope => scope != SmartScopes.OfflineAccess));
    }
}
