using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Ehr;

/// <summary>Layout checks that need a real browser: spacing and page widths, measured in CSS pixels.</summary>
public sealed class EhrLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Inspector_SaveAsScenario_HasSpacing()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync($"patients/{EhrSession.PatientId}/apps");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Launch {EhrSession.SampleAppName}" }).ClickAsync();
        await session.Page.WaitForPageAsync("**/frame");

        await session.Page.GotoAsync("launches");
        await session.Page.Locator("tbody a").First.ClickAsync();
        await session.Page.WaitForPageAsync("**/launches/*");
        await session.SaveScreenshotAsync("ehr-launch-inspector-actions");

        var facts = await BoxAsync(session.Page.Locator("aside dl.facts"));
        var button = await BoxAsync(session.Page.GetByRole(AriaRole.Link, new() { Name = "Save as scenario" }));
        var card = await BoxAsync(session.Page.Locator("aside.card"));
        var gapAbove = button.Y - (facts.Y + facts.Height);
        var gapBelow = card.Y + card.Height - (button.Y + button.Height);
        Assert.True(gapAbove >= 12, $"Save as scenario is {gapAbove:0.#} px below the launch context; expected at least 12 px.");
        Assert.True(gapBelow >= 12, $"Save as scenario is {gapBelow:0.#} px above the card's edge; expected at least 12 px.");
        Assert.True(gapBelow <= 24, $"Save as scenario is {gapBelow:0.#} px above the card's edge; expected at most 24 px, the card's padding and no more.");
    }

    [Fact]
    public async Task Chart_WideScreen_UsesFullWidth()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.SetViewportSizeAsync(1920, 1080);

        await session.Page.GotoAsync($"patients/{EhrSession.PatientId}/vitals");
        await session.SaveScreenshotAsync("ehr-chart-1920");

        var viewport = await session.Page.EvaluateAsync<double>("document.documentElement.clientWidth");
        var main = await BoxAsync(session.Page.Locator("main"));
        var table = await BoxAsync(session.Page.Locator("main table").First);
        Assert.Equal(viewport, main.Width, precision: 0);
        Assert.True(table.Width > 1600, $"The vitals table is {table.Width:0} px wide on a {viewport:0} px page; expected more than 1600 px.");
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("encounters")]
    [InlineData("vitals")]
    [InlineData("apps")]
    public async Task Chart_1280Screen_DoesNotOverflow(string tab)
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();

        await session.Page.GotoAsync($"patients/{EhrSession.PatientId}/{tab}");

        var scrollWidth = await session.Page.EvaluateAsync<double>("document.documentElement.scrollWidth");
        var clientWidth = await session.Page.EvaluateAsync<double>("document.documentElement.clientWidth");
        Assert.True(scrollWidth <= clientWidth, $"The {tab} tab is {scrollWidth:0} px wide in a {clientWidth:0} px window, so it scrolls sideways.");
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible, so it has no box.");
}
