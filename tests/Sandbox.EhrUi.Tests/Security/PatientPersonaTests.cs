using System.Net;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Security;

/// <summary>
/// A patient persona signed in to the EHR over real HTTP, on the seed population: it may open
/// its own chart and nothing else, as in a patient portal.
/// </summary>
public sealed class PatientPersonaTests : IAsyncLifetime
{
    private const string OwnPatient = "p-ava-thompson";
    private const string OtherPatient = "p-marcus-johnson";

    private SandboxServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions());
        _client = _server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        await SignInAsync("ava", "ava-sandbox");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Chart_OwnPatient_Returns200()
    {
        using var response = await _client.GetAsync($"/patients/{OwnPatient}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Chart_OtherPatient_Returns404Page()
    {
        using var response = await _client.GetAsync($"/patients/{OtherPatient}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html);
        Assert.DoesNotContain("Marcus", html);
    }

    [Fact]
    public async Task ChartApps_LaunchForOtherPatient_Returns404()
    {
        var token = await ReadFormTokenAsync($"/patients/{OwnPatient}/apps");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("clientId", "sandbox-sample-app")]);

        using var response = await _client.PostAsync($"/patients/{OtherPatient}/apps?handler=Launch", form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PatientList_ShowsOnlyOwnPatient()
    {
        var html = await _client.GetStringAsync("/patients");

        Assert.Contains($"/patients/{OwnPatient}", html);
        Assert.DoesNotContain($"/patients/{OtherPatient}", html);
    }

    [Theory]
    [InlineData("/launches")]
    [InlineData("/apps")]
    [InlineData("/scenarios")]
    [InlineData("/data")]
    public async Task TesterPage_Returns403Page(string path)
    {
        using var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Patient personas can open only their own chart", html);
    }

    [Theory]
    [InlineData("href=\"/apps\"")]
    [InlineData("href=\"/scenarios\"")]
    [InlineData("href=\"/launches\"")]
    [InlineData("href=\"/data\"")]
    public async Task Header_HidesTesterLink(string link)
    {
        var html = await _client.GetStringAsync($"/patients/{OwnPatient}");

        Assert.Contains("href=\"/patients\"", html);
        Assert.DoesNotContain(link, html);
    }

    [Theory]
    [InlineData("Register an app")]
    [InlineData("Launch options of")]
    [InlineData("Registration of")]
    public async Task ChartApps_HidesPractitionerButton(string label)
    {
        var html = await _client.GetStringAsync($"/patients/{OwnPatient}/apps");

        Assert.Contains("aria-label=\"Launch Sandbox sample app\"", html);
        Assert.DoesNotContain(label, html);
    }

    [Fact]
    public async Task LaunchFrame_HidesInspectorAndScenarioLinks()
    {
        var token = await ReadFormTokenAsync($"/patients/{OwnPatient}/apps");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("clientId", "sandbox-sample-app")]);
        using var launched = await _client.PostAsync($"/patients/{OwnPatient}/apps?handler=Launch", form);

        var html = await _client.GetStringAsync(launched.Headers.Location);

        Assert.Contains("class=\"app-frame\"", html);
        Assert.DoesNotContain("Inspect this launch", html);
        Assert.DoesNotContain("Save as scenario", html);
    }

    [Fact]
    public async Task UnknownPage_Returns404Page()
    {
        using var response = await _client.GetAsync("/no-such-page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/no-such-page", html);
    }

    private async Task SignInAsync(string username, string password)
    {
        var token = await ReadFormTokenAsync("/sign-in");
        using var form = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("username", username), new("password", password)]);
        using var response = await _client.PostAsync("/sign-in", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<string> ReadFormTokenAsync(string path)
    {
        var html = await _client.GetStringAsync(path);
        return HtmlForms.AntiforgeryToken(html);
    }
}
