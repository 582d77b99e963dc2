using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// OpenIddict's server handlers grouped by event context type, each group in the order of
/// <see cref="OpenIddictServerOptions.Handlers"/>, which OpenIddict sorts at start, with their
/// singleton handlers and filters resolved once (see <see cref="ServerHandlerEntry{TContext}"/>).
/// </summary>
internal sealed class ServerHandlerIndex(IOptionsMonitor<OpenIddictServerOptions> options, SingletonServiceCache singletons)
{
    private Groups? _groups;

    /// <summary>Returns the handlers of one event context type, in order.</summary>
    /// <exception cref="InvalidOperationException">A singleton handler or filter does not handle <typeparamref name="TContext"/>.</exception>
    public ServerHandlerEntry<TContext>[] For<TContext>() where TContext : BaseContext
    {
        // The handler list stays the same object unless the options are built again, for
        // example after a configuration reload; a new list gets new groups.
        var handlers = options.CurrentValue.Handlers;
        var groups = Volatile.Read(ref _groups);
        if (groups is null || !ReferenceEquals(groups.Handlers, handlers))
        {
            groups = new Groups(handlers);
            Volatile.Write(ref _groups, groups);
        }

        if (groups.ByContext.TryGetValue(typeof(TContext), out var entries))
            return (ServerHandlerEntry<TContext>[])entries;

        return (ServerHandlerEntry<TContext>[])groups.ByContext.GetOrAdd(typeof(TContext), _ => Select<TContext>(groups.Handlers));
    }

    private ServerHandlerEntry<TContext>[] Select<TContext>(List<OpenIddictServerHandlerDescriptor> handlers) where TContext : BaseContext =>
        handlers
            .Where(descriptor => descriptor.ContextType == typeof(TContext))
            .Select(CreateEntry<TContext>)
            .ToArray();

    private ServerHandlerEntry<TContext> CreateEntry<TContext>(OpenIddictServerHandlerDescriptor descriptor) where TContext : BaseContext
    {
        var service = descriptor.ServiceDescriptor;
        var instance = service.ImplementationInstance ?? singletons.Find(service.ServiceType);
        var handler = instance switch
        {
            null => null,
            IOpenIddictServerHandler<TContext> typed => typed,
            _ => throw new InvalidOperationException($"The OpenIddict handler {service.ServiceType} does not handle {typeof(TContext).Name}."),
        };

        var filters = descriptor.FilterTypes.Select(type => singletons.Find(type) switch
        {
            null => null,
            IOpenIddictServerHandlerFilter<TContext> typed => typed,
            _ => throw new InvalidOperationException($"The OpenIddict handler filter {type} is not registered for {typeof(TContext).Name}."),
        });

        return new ServerHandlerEntry<TContext>(descriptor, handler, [.. filters], FindScopedFactory(service));
    }

    // The factory is called only when the container would call it too: the descriptor is the
    // registration in effect for a scoped handler. The container disposes the scoped services it
    // creates, so a disposable handler type is left to it.
    private Func<IServiceProvider, object>? FindScopedFactory(ServiceDescriptor service)
    {
        if (service.Lifetime != ServiceLifetime.Scoped
            || service.IsKeyedService
            || service.ImplementationFactory is null
            || typeof(IDisposable).IsAssignableFrom(service.ServiceType)
            || typeof(IAsyncDisposable).IsAssignableFrom(service.ServiceType)
            || !singletons.IsInEffect(service))
        {
            return null;
        }

        return service.ImplementationFactory;
    }

    private sealed class Groups(List<OpenIddictServerHandlerDescriptor> handlers)
    {
        public List<OpenIddictServerHandlerDescriptor> Handlers => handlers;

        /// <summary>The entry arrays, each a <see cref="ServerHandlerEntry{TContext}"/> array of its key's context type.</summary>
        public ConcurrentDictionary<Type, object> ByContext { get; } = new();
    }
}
