using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Sandbox.Auth.Interaction;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// Builds the 400 page for a sign-in, picker or consent page whose session is unknown, expired
/// or finished, as happens when the user presses Back after the launch finished, or whose
/// session is at another step of the request.
/// </summary>
internal static class SessionEndedResult
{
    private const string ViewPath = "/Pages/Auth/SessionEnded.cshtml";

    private static readonly SessionEndedModel Finished = new(
        "Request already answered",
        "This authorization request was already answered, so this page can change nothing. Start the launch again from the app or the EHR.");

    private static readonly SessionEndedModel Unknown = new(
        "Session expired",
        $"This authorization session is unknown or has expired (a session lasts {InteractionStore.Lifetime.TotalMinutes:0} minutes). "
        + "Start the launch again from the app or the EHR.");

    private static readonly SessionEndedModel OtherBrowser = new(
        "Session of another browser",
        "This authorization request was started in another browser, and only that browser can answer it. "
        + "Start the launch again from the app or the EHR in this browser.");

    /// <summary>
    /// Returns the page for a session that has finished, for one that another browser opened, or
    /// for one that is unknown or expired.
    /// </summary>
    public static IActionResult For(PageModel page, InteractionStore interactions, string? sessionId) =>
        Show(page, Choose(interactions, sessionId));

    /// <summary>Returns the 400 page with <paramref name="content"/>, for an open session that the page cannot use.</summary>
    public static IActionResult Show(PageModel page, SessionEndedModel content) =>
        new ViewResult
        {
            ViewName = ViewPath,
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<SessionEndedModel>(page.ViewData, content),
        };

    private static SessionEndedModel Choose(InteractionStore interactions, string? sessionId)
    {
        if (interactions.IsFinished(sessionId))
            return Finished;

        // An open session that the page's lookup rejected belongs to another browser.
        return interactions.Find(sessionId) is null ? Unknown : OtherBrowser;
    }
}
