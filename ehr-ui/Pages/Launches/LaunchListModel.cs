using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Pages.Launches;

/// <summary>
/// The launch inspector's list: every journal of the authorization server, newest first. That
/// is each launch from every source (this EHR, the admin API, the headless launch API), each
/// standalone authorization request, and the requests of backend services, with the first step
/// that failed or, failing none, the first that went through with a warning. Clearing the
/// list ends every launch and needs the admin key, as <c>DELETE /api/launches</c> does.
/// </summary>
public sealed class LaunchListModel(
    ILaunchJournal journal,
    EhrLaunchHistory history,
    AppRegistry registry,
    LaunchListClearing clearing) : PageModel
{
    private const string ClearedKey = "LaunchListCleared";

    private const string LaunchListPath = "/launches";

    private Dictionary<string, SmartApp> _apps = new(StringComparer.Ordinal);

    public IReadOnlyList<LaunchTrace> Launches { get; private set; } = [];

    /// <summary>What the last clearing did, shown once on the page it redirects to.</summary>
    public LaunchListCleared? Cleared { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[ClearedKey] is string cleared)
            Cleared = JsonSerializer.Deserialize<LaunchListCleared>(cleared);

        await LoadAsync(cancellationToken);
    }

    /// <summary>Clears the launch list, but only with the admin key and the confirmation box ticked.</summary>
    public async Task<IActionResult> OnPostClearAsync([FromForm] bool confirm, CancellationToken cancellationToken)
    {
        // Clearing ends the launches of every persona, so it needs the admin key as the admin
        // API does, and the page stays open to practitioners without it.
        if (!AdminKeyRequiredFilter.IsAllowed(HttpContext))
            return Redirect($"{AdminKeyRequiredFilter.PromptPath}?returnUrl={Uri.EscapeDataString(LaunchListPath)}");

        if (!confirm)
        {
            ErrorMessage = "The launch list was not cleared: tick the box that confirms every launch is ended.";
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Post/Redirect/Get: reloading the page that shows the result must not clear again.
        TempData[ClearedKey] = JsonSerializer.Serialize(clearing.Clear());
        return LocalRedirect(LaunchListPath);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Launches = journal.List();
        var apps = await registry.ListAsync(cancellationToken);
        _apps = apps.Where(app => app.ClientId is not null).ToDictionary(app => app.ClientId!, StringComparer.Ordinal);
    }

    /// <summary>Returns the app's name, marked when loose mode registered it, or the bare client id.</summary>
    public string AppName(LaunchTrace trace)
    {
        if (trace.ClientId is null)
            return "unknown app";

        if (!_apps.TryGetValue(trace.ClientId, out var app))
            return trace.ClientId;

        return app.IsLoose ? $"{app.Name} (loose mode)" : app.Name;
    }

    /// <summary>Returns the user's display name for launches this EHR made, else the username.</summary>
    public string UserName(LaunchTrace trace) =>
        history.Find(trace.Key)?.UserDisplayName ?? trace.User ?? "none";

    /// <summary>Returns the plain-word name of how a journal started.</summary>
    public static string KindName(LaunchKind kind) => kind switch
    {
        LaunchKind.Ehr => "EHR launch",
        LaunchKind.Api => "EHR launch (admin API)",
        LaunchKind.Headless => "Headless launch",
        LaunchKind.Standalone => "Standalone launch",
        LaunchKind.BackendService => "Backend service",
        _ => "Other requests",
    };
}
