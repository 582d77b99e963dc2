using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.Auth.Server.Dispatch;

/// <summary>
/// Instances of the OpenIddict handlers and handler filters that the service collection
/// registers as singletons, resolved once from the root provider. A scoped or transient
/// service is never cached, so the dispatcher resolves it from the request's scope as before.
/// </summary>
/// <remarks>
/// The lifetimes are read from the final service collection, which the host makes read-only
/// once it builds the provider, so the last registration of a type decides, as it does in
/// Microsoft.Extensions.DependencyInjection.
/// </remarks>
internal sealed class SingletonServiceCache(IServiceProvider root, IServiceCollection services)
{
    private readonly Lazy<HashSet<Type>> _singletonTypes = new(() => FindSingletonTypes(services));
    private readonly ConcurrentDictionary<Type, object?> _instances = new();

    /// <summary>Returns the singleton instance of <paramref name="serviceType"/>, or null when it is not a singleton.</summary>
    public object? Find(Type serviceType)
    {
        if (_instances.TryGetValue(serviceType, out var instance))
            return instance;

        instance = _singletonTypes.Value.Contains(serviceType) ? root.GetService(serviceType) : null;
        return _instances.GetOrAdd(serviceType, instance);
    }

    private static HashSet<Type> FindSingletonTypes(IServiceCollection services)
    {
        var lastLifetime = new Dictionary<Type, ServiceLifetime>();
        foreach (var descriptor in services)
        {
            if (!descriptor.IsKeyedService)
                lastLifetime[descriptor.ServiceType] = descriptor.Lifetime;
        }

        return lastLifetime
            .Where(entry => entry.Value == ServiceLifetime.Singleton)
            .Select(entry => entry.Key)
            .ToHashSet();
    }
}
