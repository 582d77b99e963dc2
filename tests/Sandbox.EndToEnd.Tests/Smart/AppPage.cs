using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>What the test app's page shows once fhirclient.js has finished.</summary>
public sealed record AppPage(string PatientName, string PatientId, string EncounterId, string ObservationCount, IReadOnlyList<string> ObservationSubjects, string Error)
{
    /// <summary>Waits until the app marks itself done, then reads its fields.</summary>
    public static async Task<AppPage> ReadAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#done:has-text('done')", new() { Timeout = 30_000 });
        var subjects = await page.Locator("li.observation").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.subject)");
        return new AppPage(
            await page.InnerTextAsync("#patient-name"),
            await page.InnerTextAsync("#patient-id"),
            await page.InnerTextAsync("#encounter-id"),
            await page.InnerTextAsync("#observation-count"),
            subjects,
            await page.InnerTextAsync("#error"));
    }
}
