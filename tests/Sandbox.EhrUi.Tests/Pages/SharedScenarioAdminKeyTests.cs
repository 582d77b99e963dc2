using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Sandbox.EhrUi.Launching;
using Sandbox.EhrUi.Security;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// Tests of shared scenario links that set launch options which the launch options page keeps
/// behind the admin key: skip consent, a simulated error, the iframe sandbox and the iframe
/// allow value. Such a link launches, and saves, only for a request that may use admin pages.
/// </summary>
public sealed class SharedScenarioAdminKeyTests
{
    private const string Key = "shared-link-admin-key";

    private const string AdminKeyMessage = "This link sets launch options that need the admin key on this sandbox";

    public static TheoryData<string, string, string> GuardedOptions => new()
    {
        { "skipConsent", "true", "skip consent" },
        { "simulatedError", "\"authorizeAccessDenied\"", "simulated error" },
        { "iframeSandbox", "\"\"", "iframe sandbox" },
        { "iframeAllow", "\"camera; microphone\"", "iframe allow" },
    };

    [Theory]
    [MemberData(nameof(GuardedOptions))]
    public async Task Open_GuardedOptionWithoutKey_IsForbidden(string member, string json, string setting)
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(Scenario(member, json));

        using var response = await ehr.Client.GetAsync(link);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"{AdminKeyMessage}: {setting}.", page);
        Assert.Contains($"<code>{AdminKeyRequiredFilter.PromptPath}</code>", page);
        Assert.Contains("<button type=\"submit\" disabled=\"disabled\">Launch scenario</button>", page);
    }

    [Theory]
    [MemberData(nameof(GuardedOptions))]
    public async Task Launch_GuardedOptionWithoutKey_CreatesNoLaunch(string member, string json, string setting)
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(Scenario(member, json));

        using var response = await PostAsync(ehr, link, "Launch");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains($"{AdminKeyMessage}: {setting}.", page);
        Assert.Empty(ehr.Server.Services.GetRequiredService<EhrLaunchHistory>().List());
    }

    [Fact]
    public async Task Save_GuardedOptionWithoutKey_SavesNothing()
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(Scenario("skipConsent", "true"));

        using var response = await PostAsync(ehr, link, "Save");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains($"{AdminKeyMessage}: skip consent.", page);
        Assert.Empty(ehr.Server.Services.GetRequiredService<ScenarioStore>().List());
    }

    [Fact]
    public async Task Open_AllGuardedOptions_NamesEach()
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(AllGuardedOptionsScenario());
        var returnUrl = Uri.EscapeDataString($"/{link}");

        using var response = await ehr.Client.GetAsync(link);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"{AdminKeyMessage}: skip consent, simulated error, iframe sandbox, iframe allow.", page);
        Assert.Contains($"href=\"{AdminKeyRequiredFilter.PromptPath}?returnUrl={returnUrl}\"", page);
    }

    [Fact]
    public async Task Launch_GuardedOptionsWithKey_OpensFrame()
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(AllGuardedOptionsScenario());
        var promptPath = $"{AdminKeyRequiredFilter.PromptPath.TrimStart('/')}?returnUrl={Uri.EscapeDataString($"/{link}")}";
        using var prompt = await ehr.SubmitAsync(promptPath, new() { ["key"] = Key });

        using var response = await PostAsync(ehr, link, "Launch");

        Assert.Equal(HttpStatusCode.Redirect, prompt.StatusCode);
        Assert.Equal($"/{link}", prompt.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/frame", response.Headers.Location!.OriginalString);
        var launch = Assert.Single(ehr.Server.Services.GetRequiredService<EhrLaunchHistory>().List());
        Assert.True(launch.Options.SkipConsent);
        Assert.Equal("camera; microphone", launch.Options.IframeAllow);
    }

    [Fact]
    public async Task Launch_GuardedOptionsLoopbackWithoutKey_OpensFrame()
    {
        await using var ehr = await SignedInEhr.StartAsync("default");
        var link = SharedLink(AllGuardedOptionsScenario());

        using var opened = await ehr.Client.GetAsync(link);
        using var response = await PostAsync(ehr, link, "Launch");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/frame", response.Headers.Location!.OriginalString);
        Assert.Single(ehr.Server.Services.GetRequiredService<EhrLaunchHistory>().List());
    }

    [Fact]
    public async Task Launch_GuardedOptionsLoopbackThroughProxy_IsForbidden()
    {
        await using var ehr = await SignedInEhr.StartAsync("default");
        ehr.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        var link = SharedLink(AllGuardedOptionsScenario());

        using var response = await PostAsync(ehr, link, "Launch");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(ehr.Server.Services.GetRequiredService<EhrLaunchHistory>().List());
    }

    [Fact]
    public async Task Launch_NoGuardedOptionWithoutKey_OpensFrame()
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(Scenario());

        using var opened = await ehr.Client.GetAsync(link);
        using var response = await PostAsync(ehr, link, "Launch");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.DoesNotContain(AdminKeyMessage, await opened.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/frame", response.Headers.Location!.OriginalString);
        Assert.Single(ehr.Server.Services.GetRequiredService<EhrLaunchHistory>().List());
    }

    [Fact]
    public async Task Save_NoGuardedOptionWithoutKey_SavesScenario()
    {
        await using var ehr = await SignedInEhr.StartAsync("default", Key);
        var link = SharedLink(Scenario());

        using var response = await PostAsync(ehr, link, "Save");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(ehr.Server.Services.GetRequiredService<ScenarioStore>().List());
    }

    // Posts a form of the link's page as a browser would, or as a hand-written request does when
    // the page disabled its buttons. The antiforgery token comes from the sign-in page, because
    // GetStringAsync throws on the link's page when it returns 403.
    private static async Task<HttpResponseMessage> PostAsync(SignedInEhr ehr, string link, string handler)
    {
        var html = await ehr.Client.GetStringAsync("sign-in");
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html))]);
        return await ehr.Client.PostAsync($"{link}&handler={handler}", form);
    }

    private static JsonObject Scenario(string? member = null, string? json = null)
    {
        var options = new JsonObject { ["openIn"] = "frame", ["useBuiltInStyle"] = false };
        if (member is not null)
            options[member] = JsonNode.Parse(json!);

        return new JsonObject
        {
            ["id"] = "shared-1",
            ["name"] = "Visit",
            ["user"] = SignedInEhr.Username,
            ["patientId"] = "p-ava-thompson",
            ["encounterId"] = "enc-ava-thompson-1",
            ["clientId"] = "sandbox-sample-app",
            ["options"] = options,
        };
    }

    private static JsonObject AllGuardedOptionsScenario()
    {
        var scenario = Scenario();
        foreach (var row in GuardedOptions)
            scenario["options"]![(string)row[0]] = JsonNode.Parse((string)row[1]);

        return scenario;
    }

    private static string SharedLink(JsonObject scenario) =>
        $"scenarios/shared?s={Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(scenario.ToJsonString()))}";
}
