using System.Collections.Concurrent;

namespace Sandbox.Auth.Server;

/// <summary>
/// The client assertion ids (<c>iss</c> and <c>jti</c>) accepted so far, each kept until its
/// assertion can no longer pass validation, so that no id is accepted twice. Ids past that time
/// are dropped in one sweep at most every <see cref="SweepInterval"/>, not on each request, so a
/// request costs one dictionary insert however many ids are kept.
/// </summary>
internal sealed class UsedAssertionIds(TimeProvider timeProvider)
{
    /// <summary>The least time between two sweeps of expired ids.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _ids = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    /// <summary>The number of ids kept, expired ones not yet swept included.</summary>
    public int Count => _ids.Count;

    /// <summary>
    /// Records an assertion id until <paramref name="keepUntil"/>. Returns false when the id was
    /// recorded before; an expired id that has not been swept yet also returns false.
    /// </summary>
    public bool TryUse(string clientId, string jti, DateTimeOffset keepUntil)
    {
        SweepIfDue();
        return _ids.TryAdd($"{clientId}\n{jti}", keepUntil);
    }

    private void SweepIfDue()
    {
        var now = timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due)
            return;

        // Only the request that moves the due time on sweeps; the others go on at once.
        if (Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
            return;

        foreach (var entry in _ids)
        {
            if (entry.Value < now)
                _ids.TryRemove(entry);
        }
    }
}
