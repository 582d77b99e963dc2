using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Security;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Hosting;

/// <summary>Runs the EHR's admin pages over real HTTP with and without an admin key.</summary>
public sealed class AdminPageKeyTests
{
    private const string Key = "ehr-admin-key";

    private static async Task<(SandboxServer Server, HttpClient Client)> StartSignedInAsync(string? adminKey)
    {
        var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = adminKey });
        var persona = new { username = "admin-test", displayName = "Admin Test", role = "Practitioner", fhirUser = "Practitioner/pr-1" };
        (await server.Client.PostAsJsonAsync("api/personas", persona)).EnsureSuccessStatusCode();

        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = server.CreateClient(handler);
        await SubmitAsync(client, "/sign-in", new() { ["username"] = "admin-test" });
        return (server, client);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task DataPage_KeyRequiredWithoutKey_RedirectsToPrompt()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;

        using var response = await client.GetAsync("/data");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminKeyRequiredFilter.PromptPath, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AppPage_KeyRequiredWithoutKey_RedirectsToPrompt()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;

        using var response = await client.GetAsync("/apps/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminKeyRequiredFilter.PromptPath, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LaunchOptionsPage_KeyRequiredWithoutKey_RedirectsToPrompt()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;
        await server.RegisterAppAsync(new SmartApp { ClientId = "options-app", Name = "Options app", RedirectUris = ["http://127.0.0.1:9/callback"] });

        using var response = await client.GetAsync("/apps/options-app/launch-options");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminKeyRequiredFilter.PromptPath, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LaunchOptionsPost_KeyRequiredWithoutKey_SavesNothing()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;
        await server.RegisterAppAsync(new SmartApp { ClientId = "options-app", Name = "Options app", RedirectUris = ["http://127.0.0.1:9/callback"] });
        var html = await client.GetStringAsync("/sign-in");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["Form.OpenIn"] = "Frame",
            ["Form.SkipConsent"] = "true",
        };

        using var response = await client.PostAsync("/apps/options-app/launch-options", new FormUrlEncodedContent(fields));
        await SubmitAsync(client, AdminKeyRequiredFilter.PromptPath, new() { ["key"] = Key });
        var page = await client.GetStringAsync("/apps/options-app/launch-options");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminKeyRequiredFilter.PromptPath, response.Headers.Location!.OriginalString);
        var skipConsent = Regex.Match(page, "<input[^>]*id=\"Form_SkipConsent\"[^>]*>");
        Assert.True(skipConsent.Success, "The launch options page has no skip consent checkbox.");
        Assert.DoesNotContain("checked", skipConsent.Value);
    }

    [Fact]
    public async Task DataPage_AfterKeyPrompt_Opens()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;

        var prompt = await SubmitAsync(client, $"{AdminKeyRequiredFilter.PromptPath}?returnUrl=%2Fdata", new() { ["key"] = Key });
        using var response = await client.GetAsync("/data");

        Assert.Equal(HttpStatusCode.Redirect, prompt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyPrompt_WrongKey_ShowsError()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;

        var prompt = await SubmitAsync(client, AdminKeyRequiredFilter.PromptPath, new() { ["key"] = "wrong" });

        Assert.Equal(HttpStatusCode.OK, prompt.StatusCode);
        Assert.Contains("does not match", await prompt.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DataPage_LoopbackWithoutKey_Opens()
    {
        var (server, client) = await StartSignedInAsync(adminKey: null);
        await using var _ = server;
        using var __ = client;

        using var response = await client.GetAsync("/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DataPage_LoopbackThroughProxy_RedirectsToPrompt()
    {
        var (server, client) = await StartSignedInAsync(adminKey: null);
        await using var _ = server;
        using var __ = client;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/data");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AdminKeyRequiredFilter.PromptPath, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ClearLaunchesPost_KeyRequiredWithoutKey_KeepsLaunch()
    {
        var (server, client) = await StartSignedInAsync(Key);
        await using var _ = server;
        using var __ = client;
        await server.RegisterAppAsync(new SmartApp { ClientId = "clear-app", Name = "Clear app", RedirectUris = ["http://127.0.0.1:9/callback"] });
        using var created = await server.Client.PostAsJsonAsync("api/launches", new { clientId = "clear-app" });
        created.EnsureSuccessStatusCode();
        var launchId = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["launchId"]!.GetValue<string>();
        var html = await client.GetStringAsync("/launches");
        var fields = new Dictionary<string, string> { ["confirm"] = "true", ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html) };

        using var response = await client.PostAsync("/launches?handler=Clear", new FormUrlEncodedContent(fields));
        using var launch = await server.Client.GetAsync($"api/launches/{launchId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{AdminKeyRequiredFilter.PromptPath}?returnUrl=%2Flaunches", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
    }
}
