using System.Collections.Concurrent;

namespace Sandbox.EhrUi.Launching;

/// <summary>
/// The launches the EHR created since start-up, newest first, for the frame and the inspector.
/// The authorization server's launch store cannot be listed, so the EHR keeps its own list.
/// </summary>
public sealed class EhrLaunchHistory
{
    /// <summary>The number of launches kept; older ones are forgotten.</summary>
    public const int Capacity = 500;

    private readonly ConcurrentDictionary<string, EhrLaunch> _launches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(EhrLaunch launch)
    {
        _launches[launch.LaunchId] = launch;
        _order.Enqueue(launch.LaunchId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            _launches.TryRemove(oldest, out _);
    }

    public EhrLaunch? Find(string launchId) => _launches.GetValueOrDefault(launchId);

    public IReadOnlyList<EhrLaunch> List() =>
        _launches.Values.OrderByDescending(launch => launch.CreatedAt).ToList();
}
