using Microsoft.AspNetCore.Mvc;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Pages.Chart;

namespace Sandbox.EhrUi.Pages.Scenarios;

/// <summary>Opens a replayed launch where its options set: the EHR frame or the app itself.</summary>
internal static class ScenarioResults
{
    public static IActionResult Open(EhrLaunch launch) =>
        launch.Options.OpenIn == OpenIn.NewTab
            ? new RedirectResult(launch.LaunchUrl)
            : new LocalRedirectResult(ChartAppsModel.FrameUrl(launch.LaunchId));

    /// <summary>Returns the target of a launch form: a new tab for apps that open in one.</summary>
    public static string? FormTarget(LaunchScenario scenario) => scenario.Options.OpenIn == OpenIn.NewTab ? "_blank" : null;
}
