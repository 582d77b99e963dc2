using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Pages.Scenarios;

/// <summary>
/// One scenario: a saved one (<c>/scenarios/{id}</c>) or one carried whole in a shared URL
/// (<c>/scenarios/shared?s=…</c>), with its relaunch button and its shareable URL.
/// </summary>
public sealed class ScenarioDetailModel(ScenarioStore store, ScenarioLauncher launcher) : PageModel
{
    public LaunchScenario Scenario { get; private set; } = null!;

    /// <summary>True when the scenario came from a shared URL and is not saved here.</summary>
    public bool IsShared { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>
    /// The admin-only launch options that a shared link sets while the request lacks the admin
    /// key, or empty. When any is listed, the page returns 403 and neither launches nor saves.
    /// </summary>
    public IReadOnlyList<string> SettingsNeedingAdminKey { get; private set; } = [];

    /// <summary>The absolute URL that replays this scenario on any sandbox with the same seed.</summary>
    public string ShareUrl =>
        $"{Request.Scheme}://{Request.Host}{Request.PathBase}/scenarios/shared?s={ScenarioStore.Encode(Scenario)}";

    public IActionResult OnGet(string? id, [FromQuery(Name = "s")] string? shared)
    {
        if (!Load(id, shared))
            return NotFound();

        return SettingsNeedingAdminKey.Count > 0 ? AdminKeyNeededPage() : Page();
    }

    public async Task<IActionResult> OnPostLaunchAsync(string? id, [FromQuery(Name = "s")] string? shared, CancellationToken cancellationToken)
    {
        if (!Load(id, shared))
            return NotFound();

        if (SettingsNeedingAdminKey.Count > 0)
            return AdminKeyNeededPage();

        var (launch, problem) = await launcher.LaunchAsync(Request, Scenario, cancellationToken);
        if (launch is null)
        {
            ErrorMessage = problem;
            return Page();
        }

        return ScenarioResults.Open(launch);
    }

    public IActionResult OnPostSave([FromQuery(Name = "s")] string? shared)
    {
        if (!Load(null, shared))
            return NotFound();

        // A saved scenario launches without this check, so a link that may not launch may not
        // be saved either.
        if (SettingsNeedingAdminKey.Count > 0)
            return AdminKeyNeededPage();

        return LocalRedirect($"/scenarios/{store.Add(Scenario).Id}");
    }

    /// <summary>Deletes the saved scenario, but only when the confirmation box was ticked.</summary>
    public IActionResult OnPostDelete(string? id, [FromForm] bool confirm)
    {
        if (!confirm)
        {
            if (!Load(id, null))
                return NotFound();

            ErrorMessage = "The scenario was not deleted: tick the box that confirms the deletion.";
            return Page();
        }

        if (id is not null)
            store.Remove(id);

        return LocalRedirect("/scenarios");
    }

    private bool Load(string? id, string? shared)
    {
        var scenario = id is null ? ScenarioStore.Decode(shared) : store.Find(id);
        if (scenario is null)
            return false;

        Scenario = scenario;
        IsShared = id is null;

        // Anyone can write a shared link by hand, so the options that the launch options page
        // keeps behind the admin key need the key here too. A saved scenario got its options
        // from a launch the EHR made or from a link saved by someone who passed this check.
        if (IsShared && !AdminKeyRequiredFilter.IsAllowed(HttpContext))
            SettingsNeedingAdminKey = scenario.Options.ListAdminOnlySettings();

        return true;
    }

    private PageResult AdminKeyNeededPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }
}
