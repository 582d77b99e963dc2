using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Pages.Scenarios;

/// <summary>The saved launch scenarios, each with a one-click relaunch.</summary>
public sealed class ScenarioListModel(ScenarioStore store, ScenarioLauncher launcher) : PageModel
{
    public IReadOnlyList<LaunchScenario> Scenarios { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public void OnGet() => Scenarios = store.List();

    public async Task<IActionResult> OnPostLaunchAsync([FromForm] string id, CancellationToken cancellationToken)
    {
        Scenarios = store.List();
        var scenario = store.Find(id);
        if (scenario is null)
        {
            ErrorMessage = $"No scenario has id '{id}'; it may have been deleted.";
            return Page();
        }

        var (launch, problem) = await launcher.LaunchAsync(Request, scenario, cancellationToken);
        if (launch is null)
        {
            ErrorMessage = problem;
            return Page();
        }

        return ScenarioResults.Open(launch);
    }
}
