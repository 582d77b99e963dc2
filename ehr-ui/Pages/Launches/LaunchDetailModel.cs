using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Pages.Launches;

/// <summary>
/// The launch inspector of one launch: its context and the authorization server's journal of
/// it, step by step. It opens every journal the list shows: launches from every source,
/// standalone flows, and the journal of a client without a launch (key <c>client:{client_id}</c>).
/// </summary>
public sealed class LaunchDetailModel(EhrLaunchHistory history, LaunchStore launches, ILaunchJournal journal) : PageModel
{
    public string Key { get; private set; } = string.Empty;

    /// <summary>The launch as the EHR made it, or null for launches made elsewhere.</summary>
    public EhrLaunch? EhrLaunch { get; private set; }

    /// <summary>The launch in the authorization server, or null once it has expired.</summary>
    public Launch? Launch { get; private set; }

    /// <summary>The journal's summary: kind, app, user, patient and encounter, or null for an unknown key.</summary>
    public LaunchTrace? Trace { get; private set; }

    public IReadOnlyList<LaunchEvent> Events { get; private set; } = [];

    public LaunchEvent? Failure => Events.FirstOrDefault(entry => entry.Outcome == LaunchEventOutcome.Failed);

    /// <summary>The first step that went through but not as requested, such as a dropped scope.</summary>
    public LaunchEvent? Warning => Events.FirstOrDefault(entry => entry.Outcome == LaunchEventOutcome.Warning);

    public void OnGet(string launchId)
    {
        Key = launchId;
        EhrLaunch = history.Find(launchId);
        Launch = launches.Find(launchId);
        Trace = journal.Find(launchId);
        Events = journal.Read(launchId);
    }

    /// <summary>Returns the CSS class of a timeline item with this outcome.</summary>
    public static string TimelineClass(LaunchEventOutcome outcome) => outcome switch
    {
        LaunchEventOutcome.Failed => "is-failed",
        LaunchEventOutcome.Warning => "is-warning",
        LaunchEventOutcome.Passed => "is-passed",
        _ => "is-info",
    };

    /// <summary>Returns the CSS class of the pill that names this outcome.</summary>
    public static string PillClass(LaunchEventOutcome outcome) => outcome switch
    {
        LaunchEventOutcome.Failed => "pill-danger",
        LaunchEventOutcome.Warning => "pill-warning",
        LaunchEventOutcome.Passed => "pill-active",
        _ => "",
    };

    /// <summary>Returns the plain-word name of a protocol step.</summary>
    public static string StepName(string step) => step switch
    {
        "launch" => "Launch created",
        "authorize" => "Authorization request",
        "token" => "Token request",
        "token-response" => "Token response",
        "fhir" => "FHIR request",
        "consent" => "Consent",
        _ => step,
    };
}
