using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests;

/// <summary>
/// Page waits that do not depend on the lifecycle events Playwright's .NET client tracks. When a
/// click has already opened the awaited page, that client's <c>WaitForURLAsync</c> ignores
/// <c>WaitUntil = Commit</c> and waits for the "load" event. On a busy CI machine that event did not
/// reach it (only "networkidle" did), so the wait timed out on a page that had long loaded. These
/// waits watch the page's URL and then read the document's ready state in the page.
/// </summary>
internal static class PageWaits
{
    /// <summary>The longest wait, the same as the default step timeout the sessions set.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Waits until the page's URL matches <paramref name="glob"/>, in which <c>**</c> matches
    /// any text and <c>*</c> any text without a slash, and its document has loaded.
    /// </summary>
    public static Task WaitForPageAsync(this IPage page, string glob)
    {
        var pattern = new Regex(
            "^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
        return page.WaitForPageAsync(pattern.IsMatch, glob);
    }

    /// <summary>Waits until the page's URL satisfies <paramref name="match"/> and its document has loaded.</summary>
    public static Task WaitForPageAsync(this IPage page, Func<string, bool> match) =>
        page.WaitForPageAsync(match, "the expected URL");

    /// <summary>Waits until the current document and its images and styles have loaded.</summary>
    public static Task WaitForDocumentAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState === 'complete'");

    private static async Task WaitForPageAsync(this IPage page, Func<string, bool> match, string expected)
    {
        // The client updates Url as each navigation commits, so polling it cannot miss a page.
        var clock = Stopwatch.StartNew();
        while (!match(page.Url))
        {
            if (clock.Elapsed > Limit)
                throw new TimeoutException($"Timed out after {Limit.TotalSeconds:0} s waiting for {expected}. The page is still at {page.Url}.");
            await Task.Delay(PollInterval);
        }

        await page.WaitForDocumentAsync();
    }
}
