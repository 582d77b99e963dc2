using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests;

/// <summary>
/// Page waits that do not depend on the lifecycle events Playwright's .NET client tracks. On a
/// busy CI machine that client's wait for the "load" event of a page a click had already opened
/// timed out, and only the network-idle event reached it. These waits match the URL once it
/// commits and then read the document's ready state in the page.
/// </summary>
internal static class PageWaits
{
    /// <summary>Waits until the page's URL matches <paramref name="glob"/> and its document has loaded.</summary>
    public static async Task WaitForPageAsync(this IPage page, string glob)
    {
        await page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForDocumentAsync();
    }

    /// <summary>Waits until the page's URL satisfies <paramref name="match"/> and its document has loaded.</summary>
    public static async Task WaitForPageAsync(this IPage page, Func<string, bool> match)
    {
        await page.WaitForURLAsync(match, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForDocumentAsync();
    }

    /// <summary>Waits until the current document and its images and styles have loaded.</summary>
    public static Task WaitForDocumentAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState === 'complete'");
}
