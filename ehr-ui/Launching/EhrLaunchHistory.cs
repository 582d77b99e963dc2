using System.Collections.Concurrent;
using Sandbox.Auth.Launches;

namespace Sandbox.EhrUi.Launching;

/// <summary>
/// The launches the EHR created since start-up, newest first, for the frame and the inspector.
/// The authorization server's launch store cannot be listed, so the EHR keeps its own list.
/// </summary>
public sealed class EhrLaunchHistory : ILaunchListClearedHandler
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

    /// <summary>
    /// Removes every launch, because clearing the launch list ended them. Their EHR frames then
    /// show the page of a launch that is gone.
    /// </summary>
    public void OnLaunchListCleared()
    {
        _launches.Clear();
        _order.Clear();
    }
}
