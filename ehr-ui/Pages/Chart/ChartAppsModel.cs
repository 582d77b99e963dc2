using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Presentation;

namespace Sandbox.EhrUi.Pages.Chart;

/// <summary>
/// The app gallery of the chart: every registered app that can be launched from the EHR, with
/// a Launch button that performs an EHR launch for the signed-in persona, this patient and
/// the chosen encounter. Like the chart's tabs, it restores the encounter chosen last for this
/// patient when the request names none.
/// </summary>
public sealed class ChartAppsModel(
    AppRegistry registry,
    LaunchOptionsStore optionsStore,
    EhrLauncher launcher,
    ChartBannerLoader bannerLoader,
    ChosenEncounterCookie chosenEncounterCookie) : PageModel
{
    public PatientBanner Banner { get; private set; } = null!;

    public string? EncounterId { get; private set; }

    /// <summary>True when the request named no encounter and the page restored the one chosen earlier.</summary>
    public bool EncounterRestored { get; private set; }

    public IReadOnlyList<SmartApp> Apps { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    /// <summary>Returns the saved launch options of an app.</summary>
    public LaunchOptions OptionsOf(SmartApp app) => optionsStore.Get(app.ClientId!);

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery] string? encounter, CancellationToken cancellationToken)
    {
        // An encounter query parameter, even an empty one, replaces the remembered choice.
        var requested = Request.Query.ContainsKey("encounter");
        var encounterId = requested ? encounter : chosenEncounterCookie.Find(HttpContext, id);
        if (!await LoadAsync(id, encounterId, cancellationToken))
            return NotFound();

        if (requested || EncounterId is null)
            chosenEncounterCookie.Set(HttpContext, id, EncounterId);
        else
            EncounterRestored = true;

        return Page();
    }

    public async Task<IActionResult> OnPostLaunchAsync(
        string id,
        [FromForm] string clientId,
        [FromForm] string? encounter,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, encounter, cancellationToken))
            return NotFound();

        var app = await registry.FindAsync(clientId, cancellationToken);
        if (app is null)
        {
            ErrorMessage = $"No app has client_id '{clientId}'; it may have been deleted.";
            return Page();
        }

        var user = EhrSignIn.Current(HttpContext)!;
        var options = optionsStore.Get(clientId);
        try
        {
            var launch = launcher.Launch(Request, user, app, id, EncounterId, options);
            return options.OpenIn == OpenIn.NewTab ? Redirect(launch.LaunchUrl) : LocalRedirect(FrameUrl(launch.LaunchId));
        }
        catch (InvalidOperationException exception)
        {
            ErrorMessage = exception.Message;
            return Page();
        }
    }

    /// <summary>Returns the path of the EHR frame of a launch.</summary>
    public static string FrameUrl(string launchId) => $"/launches/{Uri.EscapeDataString(launchId)}/frame";

    /// <summary>Whether an app can be launched from the EHR: it needs a user-facing grant and a launch URL.</summary>
    public static bool IsLaunchable(SmartApp app) => app.Kind != AppKind.BackendService;

    private async Task<bool> LoadAsync(string patientId, string? encounterId, CancellationToken cancellationToken)
    {
        var banner = await bannerLoader.LoadAsync(Request, patientId, encounterId, cancellationToken);
        if (banner is null)
            return false;

        Banner = banner;
        EncounterId = banner.Encounter?.Id;
        var apps = await registry.ListAsync(cancellationToken);
        Apps = apps.Where(IsLaunchable).OrderBy(app => app.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return true;
    }
}
