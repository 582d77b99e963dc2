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
    private readonly Lazy<Dictionary<Type, ServiceDescriptor>> _lastRegistrations = new(() => FindLastRegistrations(services));
    private readonly ConcurrentDictionary<Type, object?> _instances = new();

    /// <summary>Returns the singleton instance of <paramref name="serviceType"/>, or null when it is not a singleton.</summary>
    public object? Find(Type serviceType)
    {
        if (_instances.TryGetValue(serviceType, out var instance))
            return instance;

        var isSingleton = _lastRegistrations.Value.TryGetValue(serviceType, out var registration)
            && registration.Lifetime == ServiceLifetime.Singleton;
        instance = isSingleton ? root.GetService(serviceType) : null;
        return _instances.GetOrAdd(serviceType, instance);
    }

    /// <summary>Returns whether <paramref name="descriptor"/> is the registration the container uses for its service type.</summary>
    public bool IsInEffect(ServiceDescriptor descriptor) =>
        _lastRegistrations.Value.TryGetValue(descriptor.ServiceType, out var registration)
        && ReferenceEquals(registration, descriptor);

    private static Dictionary<Type, ServiceDescriptor> FindLastRegistrations(IServiceCollection services)
    {
        var last = new Dictionary<Type, ServiceDescriptor>();
        foreach (var descriptor in services)
        {
            if (!descriptor.IsKeyedService)
                last[descriptor.ServiceType] = descriptor;
        }

        return last;
    }
}
