namespace Sandbox.Auth.Journal;

/// <summary>
/// The log of what happened during each launch, for the launch inspector. Entries are keyed
/// by launch id, by a flow id for each standalone authorization request, or by <c>client:</c>
/// and the client id for backend services and for failures no flow can be matched to.
/// </summary>
public interface ILaunchJournal
{
    /// <summary>
    /// Starts the journal of <paramref name="key"/>, or names the kind of one that events
    /// already started. A journal keeps the first kind other than <see cref="LaunchKind.Unknown"/>.
    /// </summary>
    void Begin(string key, LaunchKind kind, string? clientId);

    /// <summary>Sets the user, patient and encounter of a journal; null values leave the current ones.</summary>
    void SetContext(string key, string? user, string? patient, string? encounter);

    /// <summary>Appends an event to the journal of <paramref name="key"/>, starting it when needed.</summary>
    void Record(string key, string step, LaunchEventOutcome outcome, string message);

    /// <summary>Returns the events of <paramref name="key"/>, oldest first.</summary>
    IReadOnlyList<LaunchEvent> Read(string key);

    /// <summary>Returns the summary of one journal, or null when the key is unknown.</summary>
    LaunchTrace? Find(string key);

    /// <summary>Returns the summary of every journal kept, newest first.</summary>
    IReadOnlyList<LaunchTrace> List();

    /// <summary>
    /// Drops every journal and returns how many were dropped. An event recorded afterwards
    /// starts a new journal, even under a key that was dropped.
    /// </summary>
    int Clear();

    /// <summary>Returns the journal key of a launch id, or of a client when there is no launch.</summary>
    static string KeyFor(string? launchId, string? clientId) =>
        launchId ?? $"client:{clientId ?? "unknown"}";
}
