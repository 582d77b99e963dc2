using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// OpenIddict's server handler descriptors grouped by event context type, each group in the
/// order of <see cref="OpenIddictServerOptions.Handlers"/>, which OpenIddict sorts at start.
/// </summary>
internal sealed class ServerHandlerIndex(IOptionsMonitor<OpenIddictServerOptions> options)
{
    private Groups? _groups;

    /// <summary>Returns the descriptors of the handlers of one event context type, in order.</summary>
    public OpenIddictServerHandlerDescriptor[] For<TContext>() where TContext : BaseContext
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

        return groups.For(typeof(TContext));
    }

    private sealed class Groups(List<OpenIddictServerHandlerDescriptor> handlers)
    {
        private readonly ConcurrentDictionary<Type, OpenIddictServerHandlerDescriptor[]> _byContext = new();

        private readonly Func<Type, OpenIddictServerHandlerDescriptor[]> _select =
            contextType => handlers.Where(descriptor => descriptor.ContextType == contextType).ToArray();

        public List<OpenIddictServerHandlerDescriptor> Handlers => handlers;

        public OpenIddictServerHandlerDescriptor[] For(Type contextType) =>
            _byContext.GetOrAdd(contextType, _select);
    }
}
