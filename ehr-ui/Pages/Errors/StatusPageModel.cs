using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.EhrUi.Security;

namespace Sandbox.EhrUi.Pages.Errors;

/// <summary>
/// The page shown for an EHR request that ended with an error status and no body, such as an
/// unknown patient or a page a patient persona may not open. It keeps the original status.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusPageModel : PageModel
{
    public string Heading { get; private set; } = "Error";

    public string Explanation { get; private set; } = string.Empty;

    /// <summary>The path of the request that failed, when the status page replaced its empty response.</summary>
    public string? RequestedPath { get; private set; }

    /// <summary>Handles a failed POST the same way, because the status page re-runs the request with its method.</summary>
    public void OnPost() => OnGet();

    // The code is read from the route data, not bound as a handler parameter. The re-run POST
    // still carries the original body, and when that body cannot be read as a form, model
    // binding fails for every parameter, route values included, and leaves the code at 0.
    public void OnGet()
    {
        // The route template's int constraint guarantees the value parses.
        var code = Convert.ToInt32(RouteData.Values["code"], CultureInfo.InvariantCulture);
        RequestedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "This page, patient or record does not exist in the sandbox, or the signed-in persona may not open it."),
            403 => ("Not allowed", "The signed-in persona may not use this page. Patient personas can open only their own chart; sign in as a practitioner for the other pages."),
            400 when AntiforgeryFailureFilter.Explanation(HttpContext) is AntiforgeryFailureFilter.FormUnreadable => ("Form not readable", AntiforgeryFailureFilter.FormUnreadable),
            400 when AntiforgeryFailureFilter.Explanation(HttpContext) is { } reason => ("Form expired", reason),
            400 when UnknownHandlerFilter.Rejected(HttpContext) => ("Invalid request", UnknownHandlerFilter.Explanation),
            400 => ("Invalid request", "The request was invalid. Go back and check the form or the link."),
            _ => ("Error", $"The request failed with status {code}."),
        };

        if (StatusPageMessage.Find(HttpContext) is { } message)
            (Heading, Explanation) = (message.Heading, message.Explanation);
    }
}
