using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// Runs OpenIddict's server event handlers as <see cref="OpenIddictServerDispatcher"/> 7.9 does:
/// the same handlers in the same order, each filter checked just before its handler, and the
/// event stopped once a handler marks the request handled or skipped or rejects it. It differs
/// in two ways. It reads the handlers of the event type from <see cref="ServerHandlerIndex"/>
/// instead of testing the context type of every registered handler for every event. It takes
/// singleton handlers and filters from <see cref="SingletonServiceCache"/> instead of looking
/// each one up in the request's service scope.
/// </summary>
internal sealed class IndexedServerDispatcher(
    ServerHandlerIndex index,
    SingletonServiceCache singletons,
    IServiceProvider provider,
    ILogger<IndexedServerDispatcher> logger) : IOpenIddictServerDispatcher
{
    public async ValueTask DispatchAsync<TContext>(TContext context) where TContext : BaseContext
    {
        ArgumentNullException.ThrowIfNull(context);

        foreach (var descriptor in index.For<TContext>())
        {
            if (descriptor.FilterTypes.Length > 0 && !await IsActiveAsync(descriptor, context))
                continue;

            var handler = ResolveHandler<TContext>(descriptor);
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
    private async ValueTask<bool> IsActiveAsync<TContext>(OpenIddictServerHandlerDescriptor descriptor, TContext context)
        where TContext : BaseContext
    {
        foreach (var type in descriptor.FilterTypes)
        {
            if (Resolve(type) is not IOpenIddictServerHandlerFilter<TContext> filter)
                throw new InvalidOperationException($"The OpenIddict handler filter {type} is not registered for {typeof(TContext).Name}.");

            if (!await filter.IsActiveAsync(context))
                return false;
        }

        return true;
    }

    private IOpenIddictServerHandler<TContext> ResolveHandler<TContext>(OpenIddictServerHandlerDescriptor descriptor)
        where TContext : BaseContext
    {
        var service = descriptor.ServiceDescriptor;
        if (service.ImplementationInstance is IOpenIddictServerHandler<TContext> instance)
            return instance;

        return Resolve(service.ServiceType) as IOpenIddictServerHandler<TContext>
            ?? throw new InvalidOperationException($"The OpenIddict handler {service.ServiceType} is not registered.");
    }

    private object? Resolve(Type serviceType) => singletons.Find(serviceType) ?? provider.GetService(serviceType);
}
