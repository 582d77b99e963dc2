using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sandbox.Auth.Interaction;

namespace Sandbox.Auth.Pages.Auth;

/// <summary>
/// Handles the Cancel button of the sign-in and picker pages. The authorization endpoint,
/// resumed at the session's return URL, then redirects to the app with <c>access_denied</c>
/// and the app's <c>state</c>, as after Deny on the consent page.
/// </summary>
internal static class CancelResult
{
    /// <summary>
    /// Marks the session as cancelled on <paramref name="pageName"/> and redirects to its return
    /// URL, or returns the 400 page of <see cref="SessionEndedResult"/> for a session that is
    /// unknown, expired, finished or another browser's.
    /// </summary>
    public static IActionResult For(PageModel page, InteractionStore interactions, string? sessionId, string pageName)
    {
        var session = interactions.FindUnfinished(sessionId, page.HttpContext);
        if (session is null)
            return SessionEndedResult.For(page, interactions, sessionId);

        session.CancelledOn = pageName;
        return page.LocalRedirect(session.ReturnUrl);
    }
}
