using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server;

/// <summary>
/// Takes the <c>scope</c> of a refresh request away from OpenIddict, which compares scopes as
/// plain strings and would reject <c>patient/Observation.rs</c> under a grant of
/// <c>patient/*.rs</c>. The token endpoint then narrows the grant with SMART's rules.
/// </summary>
internal sealed class RefreshScopeDeferral : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    /// <summary>The <c>HttpContext.Items</c> key that keeps the requested scope.</summary>
    public const string RequestedScopeItem = "sandbox_refresh_scope";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<RefreshScopeDeferral>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        var request = context.Request;
        if (request is null || !request.IsRefreshTokenGrantType() || string.IsNullOrEmpty(request.Scope))
            return default;

        var httpContext = context.Transaction.GetHttpRequest()?.HttpContext;
        if (httpContext is null)
            return default;

        httpContext.Items[RequestedScopeItem] = request.Scope;
        request.Scope = null;
        return default;
    }
}
