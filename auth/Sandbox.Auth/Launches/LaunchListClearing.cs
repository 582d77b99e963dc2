using Microsoft.Extensions.Logging;
using Sandbox.Auth.Journal;

namespace Sandbox.Auth.Launches;

/// <summary>
/// Clears the launch list between sessions: ends every launch, so that no launch id made
/// before authorizes again, drops every launch journal, and calls each
/// <see cref="ILaunchListClearedHandler"/>. Access and refresh tokens issued before keep
/// working until they expire or are revoked, and a request made with one starts a new journal.
/// </summary>
public sealed class LaunchListClearing(
    LaunchStore store,
    ILaunchJournal journal,
    IEnumerable<ILaunchListClearedHandler> handlers,
    ILogger<LaunchListClearing> logger)
{
    /// <summary>Clears the launch list.</summary>
    public LaunchListCleared Clear()
    {
        // Launches first, so that a launch ended here cannot add to a journal dropped next.
        var ended = store.RemoveAll();
        var dropped = journal.Clear();
        foreach (var handler in handlers)
            handler.OnLaunchListCleared();

        Log.LaunchesCleared(logger, ended, dropped);
        return new LaunchListCleared(ended, dropped);
    }
}
