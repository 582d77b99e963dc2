using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Sandbox.EndToEnd.Tests.Ehr;

public sealed class EhrDataPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DataPage_ResetToEmpty_ExportsEmptyBundle()
    {
        await using var session = await EhrSession.StartAsync(browser.Browser);
        await session.SignInAsync();
        await session.Page.GotoAsync("data");
        await session.SaveScreenshotAsync("ehr-data");

        await session.Page.GetByLabel("Empty: no resources at all").CheckAsync();
        await session.Page.GetByLabel("I understand that every resource now in the store is replaced").CheckAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Reset the store" }).ClickAsync();
        var result = await session.Page.Locator("#reset-result").InnerTextAsync();
        var download = await session.Page.RunAndWaitForDownloadAsync(() =>
            session.Page.GetByRole(AriaRole.Link, new() { Name = "One transaction Bundle" }).ClickAsync());
        var exported = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;

        Assert.Contains("it now contains 0 resources", result);
        Assert.Equal(0, await CountPatientsAsync(session));
        Assert.EndsWith(".json", download.SuggestedFilename);
        Assert.Equal("Bundle", exported["resourceType"]!.GetValue<string>());
        Assert.Empty(exported["entry"]!.AsArray());
    }

    private static async Task<int> CountPatientsAsync(EhrSession session)
    {
        var token = await session.Server.HeadlessLaunchAsync(new Sandbox.Auth.Headless.HeadlessLaunchRequest
        {
            ClientId = EhrSession.SampleAppClientId,
            Scope = "openid user/Patient.rs",
            User = EhrSession.PersonaUsername,
        });
        using var fhir = session.Server.CreateFhirClient(token["access_token"]!.GetValue<string>());
        var bundle = await fhir.GetFromJsonAsync<JsonObject>("Patient?_summary=count");
        return bundle!["total"]!.GetValue<int>();
    }
}
