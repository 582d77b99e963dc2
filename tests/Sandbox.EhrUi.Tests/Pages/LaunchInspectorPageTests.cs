using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The launch inspector over HTTP: launches made outside the EHR are listed with their timeline.</summary>
public sealed class LaunchInspectorPageTests : IAsyncLifetime
{
    private const string ClientId = "inspector-app";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    private SignedInEhr _ehr = null!;
    private string _patientId = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
        await _ehr.Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Inspector test app", RedirectUris = [RedirectUri], LaunchUrl = "http://127.0.0.1:9/launch" });
        var patients = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_count=1");
        _patientId = patients!["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task List_ApiLaunch_IsShown()
    {
        var launchId = await CreateApiLaunchAsync();

        var html = await _ehr.Client.GetStringAsync("launches");

        Assert.Contains($"data-launch=\"{launchId}\"", html);
        Assert.Contains("EHR launch (admin API)", html);
        Assert.Contains("Inspector test app", html);
    }

    [Fact]
    public async Task List_OneStepLaunch_SaysOneStep()
    {
        var launchId = await CreateApiLaunchAsync();

        var html = await _ehr.Client.GetStringAsync("launches");

        var start = html.IndexOf($"data-launch=\"{launchId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The launch list has no row for '{launchId}'.");
        var row = html[start..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(">1 step, none failed<", row);
    }

    [Fact]
    public async Task Detail_HeadlessLaunch_ShowsTimeline()
    {
        await _ehr.Server.HeadlessLaunchAsync(new HeadlessLaunchRequest { ClientId = ClientId, Scope = "launch patient/*.rs", User = SignedInEhr.Username, Patient = _patientId });
        var key = await SingleKeyAsync("Headless");

        var html = await _ehr.Client.GetStringAsync($"launches/{key}");

        Assert.Contains("Headless launch", html);
        Assert.Contains("Launch created", html);
        Assert.Contains("Token request", html);
        Assert.Contains("No step of this launch has failed so far.", html);
    }

    [Fact]
    public async Task List_StandaloneRequest_IsShown()
    {
        using var response = await _ehr.Client.GetAsync(AuthorizeUrl("openid launch/patient patient/*.rs", launch: null));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = await SingleKeyAsync("Standalone");

        var list = await _ehr.Client.GetStringAsync("launches");
        var detail = await _ehr.Client.GetStringAsync($"launches/{key}");

        Assert.Contains($"data-launch=\"{key}\"", list);
        Assert.Contains("Standalone launch", list);
        Assert.Contains("Authorization request", detail);
        Assert.Contains("launch &#x27;none (standalone)&#x27;", detail);
    }

    [Fact]
    public async Task Detail_FailedLaunch_ShowsReason()
    {
        var launchId = await CreateApiLaunchAsync();
        using var response = await _ehr.Client.GetAsync(AuthorizeUrl("launch patient/*.rs", launchId, aud: "http://127.0.0.1:9/not-fhir"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var html = await _ehr.Client.GetStringAsync($"launches/{launchId}");

        Assert.Contains("The launch failed at the step “Authorization request”.", html);
        Assert.Contains("aud &#x27;http://127.0.0.1:9/not-fhir&#x27; is not this server&#x27;s FHIR base URL", html);
    }

    [Fact]
    public async Task Detail_DroppedScope_ShowsWarningNotFailure()
    {
        var key = await HeadlessLaunchWithDroppedScopeAsync();

        var html = await _ehr.Client.GetStringAsync($"launches/{key}");

        Assert.Contains("The launch went through with changes at the step “Authorization request”.", html);
        Assert.Contains("Scope dropped: &#x27;not-a-scope&#x27; is not a SMART scope", html);
        Assert.Contains("timeline-item is-warning", html);
        Assert.DoesNotContain("The launch failed", html);
    }

    [Fact]
    public async Task List_DroppedScope_ShowsWarningNotFailure()
    {
        var key = await HeadlessLaunchWithDroppedScopeAsync();

        var html = await _ehr.Client.GetStringAsync("launches");

        var start = html.IndexOf($"data-launch=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The launch list has no row for '{key}'.");
        var row = html[start..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"pill pill-warning\">Warning</span>", row);
        Assert.DoesNotContain("pill-danger", row);
    }

    private async Task<string> HeadlessLaunchWithDroppedScopeAsync()
    {
        var request = new HeadlessLaunchRequest { ClientId = ClientId, Scope = "launch patient/*.rs not-a-scope", User = SignedInEhr.Username, Patient = _patientId };
        await _ehr.Server.HeadlessLaunchAsync(request);
        return await SingleKeyAsync("Headless");
    }

    private async Task<string> CreateApiLaunchAsync()
    {
        using var response = await _ehr.Server.Client.PostAsJsonAsync("api/launches", new { clientId = ClientId, user = SignedInEhr.Username, patient = _patientId, skipLogin = true });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return created!["launchId"]!.GetValue<string>();
    }

    private async Task<string> SingleKeyAsync(string kind)
    {
        var traces = await _ehr.Server.Client.GetFromJsonAsync<JsonArray>("api/launches");
        var trace = Assert.Single(traces!, item => item!["kind"]!.GetValue<string>() == kind);
        return trace!["key"]!.GetValue<string>();
    }

    private string AuthorizeUrl(string scope, string? launch, string? aud = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = "inspector",
            ["aud"] = aud ?? _ehr.Server.FhirBase.AbsoluteUri,
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
            ["launch"] = launch,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("auth/authorize", parameters.Where(pair => pair.Value is not null));
    }
}
