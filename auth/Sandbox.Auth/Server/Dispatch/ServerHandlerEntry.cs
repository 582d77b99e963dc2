using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// A server handler descriptor with the singleton handler and filters it names, resolved and
/// cast to the event's context type once per process.
/// </summary>
internal sealed class ServerHandlerEntry<TContext>(
    OpenIddictServerHandlerDescriptor descriptor,
    IOpenIddictServerHandler<TContext>? singletonHandler,
    IOpenIddictServerHandlerFilter<TContext>?[] singletonFilters,
    Func<IServiceProvider, object>? scopedFactory)
    where TContext : BaseContext
{
    public OpenIddictServerHandlerDescriptor Descriptor => descriptor;

    /// <summary>The handler when it is a singleton or an instance; null when each request scope resolves its own.</summary>
    public IOpenIddictServerHandler<TContext>? SingletonHandler => singletonHandler;

    /// <summary>
    /// The filters in the order of <see cref="OpenIddictServerHandlerDescriptor.FilterTypes"/>,
    /// with null in place of each filter that is not a singleton.
    /// </summary>
    public IOpenIddictServerHandlerFilter<TContext>?[] SingletonFilters => singletonFilters;

    /// <summary>
    /// The factory of a scoped handler that owns nothing to dispose. The dispatcher calls it with
    /// the request's provider instead of asking that provider for the service. Null for other
    /// handlers.
    /// </summary>
    public Func<IServiceProvider, object>? ScopedFactory => scopedFactory;
}
