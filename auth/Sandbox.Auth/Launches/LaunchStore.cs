using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Launches;

/// <summary>
/// The launches created by the EHR and the admin API, kept in memory until they expire. A
/// launch id may be used many times within its lifetime, so an app may reload.
/// </summary>
public sealed class LaunchStore(IOptions<SmartAuthOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Launch> _launches = new(StringComparer.Ordinal);

    /// <summary>Creates a launch with a new opaque, URL-safe id.</summary>
    public Launch Create(LaunchRequest request)
    {
        RemoveExpired();
        var now = timeProvider.GetUtcNow();
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var launch = new Launch(id, request, now, now + options.Value.LaunchLifetime);
        _launches[id] = launch;
        return launch;
    }

    /// <summary>Finds a launch that has not expired, or returns null.</summary>
    public Launch? Find(string? id)
    {
        if (id is null || !_launches.TryGetValue(id, out var launch))
            return null;

        return launch.ExpiresAt > timeProvider.GetUtcNow() ? launch : null;
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, launch) in _launches)
        {
            if (launch.ExpiresAt <= now)
                _launches.TryRemove(id, out _);
        }
    }
}
