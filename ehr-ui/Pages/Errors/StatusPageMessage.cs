using Microsoft.AspNetCore.Http;

namespace Sandbox.EhrUi.Pages.Errors;

/// <summary>
/// A heading and explanation that a page sets before it returns an error status without a
/// body, so that the status page shows them in place of the generic text for that status.
/// </summary>
public sealed record StatusPageMessage(string Heading, string Explanation)
{
    private static readonly object Key = new();

    /// <summary>Stores the message for the status page that re-runs this request.</summary>
    public static void Set(HttpContext context, StatusPageMessage message) => context.Items[Key] = message;

    /// <summary>Returns the message a page stored for this request, or null when none did.</summary>
    public static StatusPageMessage? Find(HttpContext context) =>
        context.Items.TryGetValue(Key, out var message) ? message as StatusPageMessage : null;
}
