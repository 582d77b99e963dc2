namespace Sandbox.Auth.Journal;

/// <summary>The mutable state of one journal in <see cref="InMemoryLaunchJournal"/>; callers lock it.</summary>
internal sealed class JournalEntry(string key, DateTimeOffset startedAt)
{
    // Once full, events are dropped from the middle, so the start of a flow (launch, authorize)
    // and its latest requests both stay visible.
    private const int KeptHead = InMemoryLaunchJournal.MaxEventsPerKey / 4;

    private readonly List<LaunchEvent> _events = [];
    private LaunchEvent? _firstFailure;
    private LaunchEvent? _firstWarning;
    private int _dropped;

    public LaunchKind Kind { get; set; }

    public string? ClientId { get; set; }

    public string? User { get; set; }

    public string? Patient { get; set; }

    public string? Encounter { get; set; }

    public void Add(LaunchEvent entry)
    {
        if (_events.Count >= InMemoryLaunchJournal.MaxEventsPerKey)
        {
            _events.RemoveAt(KeptHead);
            _dropped++;
        }

        _events.Add(entry);
        if (entry.Outcome == LaunchEventOutcome.Failed)
            _firstFailure ??= entry;
        else if (entry.Outcome == LaunchEventOutcome.Warning)
            _firstWarning ??= entry;
    }

    public IReadOnlyList<LaunchEvent> Events() => _events.ToList();

    public LaunchTrace ToTrace() => new(
        key,
        Kind,
        ClientId,
        User,
        Patient,
        Encounter,
        startedAt,
        _events.Count == 0 ? startedAt : _events[^1].At,
        _events.Count + _dropped,
        _firstFailure,
        _firstWarning);
}
