using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// Runs OpenIddict's server event handlers as <see cref="OpenIddictServerDispatcher"/> 7.9 does:
/// the same handlers in the same order, each filter checked just before its handler, and the
/// event stopped once a handler marks the request handled or skipped or rejects it. It differs
/// in three ways. It reads the handlers of the event type from <see cref="ServerHandlerIndex"/>
/// instead of testing the context type of every registered handler for every event. It takes
/// the singleton handlers and filters from there too, resolved once, instead of looking each
/// one up in the request's service scope. It creates a scoped handler registered with a
/// factory by calling that factory, without the scope's lookup and bookkeeping (see
/// <see cref="ServerHandlerEntry{TContext}.ScopedFactory"/>).
/// </summary>
internal sealed class IndexedServerDispatcher(
    ServerHandlerIndex index,
    IServiceProvider provider,
    ILogger<IndexedServerDispatcher> logger) : IOpenIddictServerDispatcher
{
    public async ValueTask DispatchAsync<TContext>(TContext context) where TContext : BaseContext
    {
        ArgumentNullException.ThrowIfNull(context);

        foreach (var entry in index.For<TContext>())
        {
            if (entry.SingletonFilters.Length > 0 && !await IsActiveAsync(entry, context))
                continue;

            var handler = entry.SingletonHandler ?? ResolveHandler(entry);
            await handler.HandleAsync(context);

            var stop = StopReason(context);
            if (stop is not null)
            {
                Log.ServerEventStopped(logger, typeof(TContext).Name, handler.GetType().Name, stop);
                return;
            }
        }
    }

    private static string? StopReason(BaseContext context) => context switch
    {
        BaseRequestContext { IsRequestHandled: true } => "request handled",
        BaseRequestContext { IsRequestSkipped: true } => "request skipped",
        BaseValidatingContext { IsRejected: true } => "rejected",
        _ => null,
    };

    // Filters usually complete at once, so the awaits below rarely suspend.
    private async ValueTask<bool> IsActiveAsync<TContext>(ServerHandlerEntry<TContext> entry, TContext context)
        where TContext : BaseContext
    {
        var filters = entry.SingletonFilters;
        for (var i = 0; i < filters.Length; i++)
        {
            var filter = filters[i] ?? ResolveFilter<TContext>(entry.Descriptor.FilterTypes[i]);
            if (!await filter.IsActiveAsync(context))
                return false;
        }

        return true;
    }

    private IOpenIddictServerHandlerFilter<TContext> ResolveFilter<TContext>(Type type)
        where TContext : BaseContext =>
        provider.GetService(type) as IOpenIddictServerHandlerFilter<TContext>
            ?? throw new InvalidOperationException($"The OpenIddict handler filter {type} is not registered for {typeof(TContext).Name}.");

    private IOpenIddictServerHandler<TContext> ResolveHandler<TContext>(ServerHandlerEntry<TContext> entry)
        where TContext : BaseContext
    {
        var serviceType = entry.Descriptor.ServiceDescriptor.ServiceType;
        var service = entry.ScopedFactory is { } factory ? factory(provider) : provider.GetService(serviceType);
        return service as IOpenIddictServerHandler<TContext>
            ?? throw new InvalidOperationException($"The OpenIddict handler {serviceType} is not registered.");
    }
}
