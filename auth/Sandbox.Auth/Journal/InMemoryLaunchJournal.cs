using System.Collections.Concurrent;

namespace Sandbox.Auth.Journal;

/// <summary>
/// The default <see cref="ILaunchJournal"/>, kept in memory. It keeps at most
/// <see cref="MaxEventsPerKey"/> events of each key and forgets the oldest keys past
/// <see cref="MaxKeys"/>, so a long-running sandbox does not grow without bound.
/// </summary>
internal sealed class InMemoryLaunchJournal(TimeProvider timeProvider) : ILaunchJournal
{
    public const int MaxKeys = 2000;
    public const int MaxEventsPerKey = 200;

    private readonly ConcurrentDictionary<string, JournalEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _keyOrder = new();

    public void Begin(string key, LaunchKind kind, string? clientId)
    {
        var entry = GetOrAdd(key);
        lock (entry)
        {
            if (entry.Kind == LaunchKind.Unknown)
                entry.Kind = kind;

            entry.ClientId ??= clientId;
        }
    }

    public void SetContext(string key, string? user, string? patient, string? encounter)
    {
        var entry = GetOrAdd(key);
        lock (entry)
        {
            entry.User = user ?? entry.User;
            entry.Patient = patient ?? entry.Patient;
            entry.Encounter = encounter ?? entry.Encounter;
        }
    }

    public void Record(string key, string step, LaunchEventOutcome outcome, string message)
    {
        var entry = GetOrAdd(key);
        lock (entry)
            entry.Add(new LaunchEvent(timeProvider.GetUtcNow(), step, outcome, message));
    }

    public IReadOnlyList<LaunchEvent> Read(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return [];

        lock (entry)
            return entry.Events();
    }

    public LaunchTrace? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return null;

        lock (entry)
            return entry.ToTrace();
    }

    public IReadOnlyList<LaunchTrace> List()
    {
        var traces = new List<LaunchTrace>(_entries.Count);
        foreach (var entry in _entries.Values)
        {
            lock (entry)
                traces.Add(entry.ToTrace());
        }

        return traces.OrderByDescending(trace => trace.StartedAt).ToList();
    }

    public int Clear()
    {
        var count = _entries.Count;
        _entries.Clear();
        _keyOrder.Clear();
        return count;
    }

    private JournalEntry GetOrAdd(string key) =>
        _entries.TryGetValue(key, out var existing) ? existing : _entries.GetOrAdd(key, NewEntry);

    private JournalEntry NewEntry(string key)
    {
        _keyOrder.Enqueue(key);
        while (_keyOrder.Count > MaxKeys && _keyOrder.TryDequeue(out var oldest))
            _entries.TryRemove(oldest, out _);

        return new JournalEntry(key, timeProvider.GetUtcNow());
    }
}
