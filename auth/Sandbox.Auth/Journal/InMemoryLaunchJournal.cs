using System.Collections.Concurrent;

namespace Sandbox.Auth.Journal;

/// <summary>
/// The default <see cref="ILaunchJournal"/>, kept in memory. It keeps the latest
/// <see cref="MaxEventsPerKey"/> events of each key and forgets the oldest keys past
/// <see cref="MaxKeys"/>, so a long-running sandbox does not grow without bound.
/// </summary>
internal sealed class InMemoryLaunchJournal(TimeProvider timeProvider) : ILaunchJournal
{
    public const int MaxKeys = 2000;
    public const int MaxEventsPerKey = 200;

    private readonly ConcurrentDictionary<string, List<LaunchEvent>> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _keyOrder = new();

    public void Record(string key, string step, LaunchEventOutcome outcome, string message)
    {
        var entry = new LaunchEvent(timeProvider.GetUtcNow(), step, outcome, message);
        var list = _events.GetOrAdd(key, NewKey);
        lock (list)
        {
            if (list.Count >= MaxEventsPerKey)
                list.RemoveAt(0);

            list.Add(entry);
        }
    }

    public IReadOnlyList<LaunchEvent> Read(string key)
    {
        if (!_events.TryGetValue(key, out var list))
            return [];

        lock (list)
            return list.ToList();
    }

    private List<LaunchEvent> NewKey(string key)
    {
        _keyOrder.Enqueue(key);
        while (_keyOrder.Count > MaxKeys && _keyOrder.TryDequeue(out var oldest))
            _events.TryRemove(oldest, out _);

        return [];
    }
}
