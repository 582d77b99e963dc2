using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Personas;
using Sandbox.Testing;

namespace Sandbox.EndToEnd.Tests.Ehr;

/// <summary>
/// A sandbox with the persona and the sample app the EHR tests use, registered through the
/// authorization server's own stores, and a 1280x720 browser page.
/// </summary>
internal sealed class EhrSession : IAsyncDisposable
{
    public const string PersonaUsername = "ehr.tester";
    public const string PersonaName = "Dr. Erin Tester";
    public const string SampleAppClientId = "sandbox-sample-app";
    public const string SampleAppName = "Sandbox sample app";
    public const string PatientId = "p-ava-thompson";

    private EhrSession(SandboxServer server, IBrowserContext context, IPage page)
    {
        Server = server;
        Context = context;
        Page = page;
    }

    public SandboxServer Server { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<EhrSession> StartAsync(IBrowser browser)
    {
        var server = await SandboxServer.StartAsync();
        await RegisterAsync(server);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });

        // The machines that run these tests are often busy, so steps get twice Playwright's default.
        context.SetDefaultTimeout(60_000);
        return new EhrSession(server, context, await context.NewPageAsync());
    }

    public async Task SignInAsync()
    {
        await Page.GotoAsync("sign-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = PersonaName }).ClickAsync();
        await Page.WaitForPageAsync("**/patients");
    }

    /// <summary>Opens Ava Thompson's chart from a name search, chooses her newest encounter and returns its id.</summary>
    public async Task<string> OpenChartWithEncounterAsync()
    {
        await Page.GotoAsync("patients?name=thompson");
        await Page.Locator($"main a[href='/patients/{PatientId}']").First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Encounters", Exact = true }).ClickAsync();
        await Page.Locator("main a:has-text('Choose')").First.ClickAsync();
        await Page.WaitForPageAsync(url => url.Contains("encounter=", StringComparison.Ordinal));
        return new Uri(Page.Url).Query.Split("encounter=")[1].Split('&')[0];
    }

    public async Task SaveScreenshotAsync(string name)
    {
        var options = new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") };
        try
        {
            await Page.ScreenshotAsync(options);
        }
        catch (PlaywrightException)
        {
            // Chromium cannot capture a page while a navigation replaces it; take it once settled.
            await Page.WaitForDocumentAsync();
            await Page.ScreenshotAsync(options);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static async Task RegisterAsync(SandboxServer server)
    {
        var personas = server.Services.GetRequiredService<IPersonaStore>();
        await personas.AddAsync(
            new Persona { Username = PersonaUsername, DisplayName = PersonaName, FhirUser = "Practitioner/ehr-tester" },
            CancellationToken.None);

        var sampleAppUrl = new Uri(server.BaseAddress, "sample-app/").ToString();
        var app = new SmartApp
        {
            ClientId = SampleAppClientId,
            Name = SampleAppName,
            RedirectUris = [sampleAppUrl],
            LaunchUrl = sampleAppUrl,
            Description = "Shows what a launch delivered.",
        };
        var registry = server.Services.GetRequiredService<AppRegistry>();
        if (await registry.FindAsync(SampleAppClientId, CancellationToken.None) is null)
            await registry.RegisterAsync(app, CancellationToken.None);
        else
            await registry.ReplaceAsync(app, CancellationToken.None);
    }
}
