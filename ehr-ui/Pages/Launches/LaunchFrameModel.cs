using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Account;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Pages.Errors;
using Sandbox.EhrUi.Presentation;
using Sandbox.EhrUi.Security;
using Sandbox.FhirStore;

namespace Sandbox.EhrUi.Pages.Launches;

/// <summary>
/// The EHR frame: the launched app in an iframe under the EHR header and the banner of the
/// launch's patient, whatever the app itself shows.
/// </summary>
public sealed class LaunchFrameModel(EhrLaunchHistory history, ChartBannerLoader bannerLoader) : PageModel
{
    public EhrLaunch Launch { get; private set; } = null!;

    public PatientBanner? Banner { get; private set; }

    /// <summary>
    /// The origin of the app's launch URL when it differs from the EHR's, or null. Browsers
    /// show a frame that cannot connect, or that the app does not let this origin frame, as a
    /// blank error page, so the frame bar names the origin the app is loaded from.
    /// </summary>
    public string? AppOrigin { get; private set; }

    public async Task<IActionResult> OnGetAsync(string launchId, CancellationToken cancellationToken)
    {
        var launch = history.Find(launchId);
        if (launch is null || !MayOpen(launch))
        {
            StatusPageMessage.Set(HttpContext, UnknownLaunch(launchId));
            return NotFound();
        }

        Launch = launch;
        AppOrigin = OtherOrigin(launch.LaunchUrl);
        try
        {
            Banner = await bannerLoader.LoadAsync(Request, launch.PatientId, launch.EncounterId, cancellationToken);
        }
        catch (FhirOperationException)
        {
            Banner = null;
        }

        return Page();
    }

    private string? OtherOrigin(string launchUrl)
    {
        if (!Uri.TryCreate(launchUrl, UriKind.Absolute, out var url))
            return null;

        var origin = url.GetLeftPart(UriPartial.Authority);
        var ehrOrigin = $"{Request.Scheme}://{Request.Host}";
        return string.Equals(origin, ehrOrigin, StringComparison.OrdinalIgnoreCase) ? null : origin;
    }

    // The same text for a launch that does not exist and one the persona may not open, so
    // that a patient persona cannot tell whether another persona's launch id is valid.
    private static StatusPageMessage UnknownLaunch(string launchId) => new(
        "Launch not found",
        $"The EHR has no launch '{launchId}' that the signed-in persona may open. The EHR keeps "
        + "launches in memory, so a restart of the sandbox or Clear launches on the launches page "
        + "removes them. Launch the app again "
        + "from the Apps tab of the patient's chart.");

    // A patient persona opens only the frames of its own launches, as it opens only its own
    // charts. Practitioners open every frame; the app's authorization still needs the
    // launching persona's EHR session.
    private bool MayOpen(EhrLaunch launch) =>
        OpenablePatients.Get(HttpContext) is null
        || launch.User == EhrSignIn.Current(HttpContext)?.Username;
}
