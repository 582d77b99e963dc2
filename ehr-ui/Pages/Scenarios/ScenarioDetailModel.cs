using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Launching;

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

    /// <summary>The absolute URL that replays this scenario on any sandbox with the same seed.</summary>
    public string ShareUrl =>
        $"{Request.Scheme}://{Request.Host}{Request.PathBase}/scenarios/shared?s={ScenarioStore.Encode(Scenario)}";

    public IActionResult OnGet(string? id, [FromQuery(Name = "s")] string? shared) =>
        Load(id, shared) ? Page() : NotFound();

    public async Task<IActionResult> OnPostLaunchAsync(string? id, [FromQuery(Name = "s")] string? shared, CancellationToken cancellationToken)
    {
        if (!Load(id, shared))
            return NotFound();

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
        return true;
    }
}
