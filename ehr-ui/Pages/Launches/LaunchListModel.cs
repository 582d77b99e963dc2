using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Journal;
using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Pages.Launches;

/// <summary>The launch inspector's list: the launches the EHR created, newest first, with whether any step failed.</summary>
public sealed class LaunchListModel(EhrLaunchHistory history, ILaunchJournal journal) : PageModel
{
    public IReadOnlyList<EhrLaunch> Launches { get; private set; } = [];

    public void OnGet() => Launches = history.List();

    /// <summary>Returns the first failed step of a launch, or null when none failed.</summary>
    public LaunchEvent? FirstFailure(EhrLaunch launch) =>
        journal.Read(launch.LaunchId).FirstOrDefault(entry => entry.Outcome == LaunchEventOutcome.Failed);

    /// <summary>Returns the number of journal events of a launch.</summary>
    public int EventCount(EhrLaunch launch) => journal.Read(launch.LaunchId).Count;
}
