namespace Sandbox.Auth.Journal;

/// <summary>
/// The log of what happened during each launch, for the launch inspector. Entries are keyed
/// by launch id, or by <c>client:</c> and the client id for launches that have none
/// (standalone launches and backend services).
/// </summary>
public interface ILaunchJournal
{
    /// <summary>Appends an event to the journal of <paramref name="key"/>.</summary>
    void Record(string key, string step, LaunchEventOutcome outcome, string message);

    /// <summary>Returns the events of <paramref name="key"/>, oldest first.</summary>
    IReadOnlyList<LaunchEvent> Read(string key);

    /// <summary>Returns the journal key of a launch id, or of a client when there is no launch.</summary>
    static string KeyFor(string? launchId, string? clientId) =>
        launchId ?? $"client:{clientId ?? "unknown"}";
}
