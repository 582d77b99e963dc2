using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Journal;

namespace Sandbox.Auth.Launches;

/// <summary>
/// The launches created by the EHR and the admin API, kept in memory until they expire. A
/// launch id may be used many times within its lifetime, so an app may reload. Each launch
/// starts its journal when it is created, so the launch inspector lists it whichever module created it.
/// </summary>
public sealed class LaunchStore(IOptions<SmartAuthOptions> options, ILaunchJournal journal, TimeProvider timeProvider)
{
    /// <summary>The least time between two sweeps of expired launches.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Launch> _launches = new(StringComparer.Ordinal);
    private readonly SweepSchedule _sweeps = new(timeProvider, SweepInterval);

    /// <summary>The number of launches kept, expired ones not yet swept included.</summary>
    public int Count => _launches.Count;

    /// <summary>Creates a launch with a new opaque, URL-safe id and starts its journal.</summary>
    /// <param name="request">What the launch sets up.</param>
    /// <param name="kind">Who made the launch, as the launch inspector shows it.</param>
    public Launch Create(LaunchRequest request, LaunchKind kind)
    {
        RemoveExpired();
        var now = timeProvider.GetUtcNow();
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var launch = new Launch(id, request, now, now + options.Value.LaunchLifetime);
        _launches[id] = launch;
        journal.Begin(id, kind, request.ClientId);
        journal.SetContext(id, request.User, request.Patient, request.Encounter);
        return launch;
    }

    /// <summary>Finds a launch that has not expired, or returns null.</summary>
    public Launch? Find(string? id)
    {
        if (id is null || !_launches.TryGetValue(id, out var launch))
            return null;

        return launch.ExpiresAt > timeProvider.GetUtcNow() ? launch : null;
    }

    /// <summary>Ends a launch before it expires, so its id no longer authorizes; its journal is kept.</summary>
    public bool Remove(string id) => _launches.TryRemove(id, out _);

    /// <summary>Ends every launch kept and returns how many had not expired yet.</summary>
    public int RemoveAll()
    {
        var now = timeProvider.GetUtcNow();
        var ended = 0;
        foreach (var (id, launch) in _launches)
        {
            if (_launches.TryRemove(id, out _) && launch.ExpiresAt > now)
                ended++;
        }

        return ended;
    }

    // Find rejects an expired launch whether or not it has been swept, so a late sweep only
    // keeps memory a little longer.
    private void RemoveExpired()
    {
        if (!_sweeps.TryStart(out var now))
            return;

        foreach (var (id, launch) in _launches)
        {
            if (launch.ExpiresAt <= now)
                _launches.TryRemove(id, out _);
        }
    }
}
