using System.Net;
using Sandbox.EhrUi.Security;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Security;

/// <summary>
/// A practitioner persona over real HTTP: it sees the tester links that patient personas do
/// not, and a form loaded before a sign-in in another tab fails with a message that says so.
/// </summary>
public sealed class PractitionerPageTests : IAsyncLifetime
{
    private const string PatientId = "p-marcus-johnson";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Theory]
    [InlineData("href=\"/apps\"")]
    [InlineData("href=\"/scenarios\"")]
    [InlineData("href=\"/launches\"")]
    [InlineData("href=\"/data\"")]
    public async Task Header_ShowsTesterLink(string link)
    {
        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}");

        Assert.Contains(link, html);
    }

    [Theory]
    [InlineData("Register an app")]
    [InlineData("Launch options of")]
    [InlineData("Registration of")]
    public async Task ChartApps_ShowsPractitionerButton(string label)
    {
        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}/apps");

        Assert.Contains(label, html);
    }

    [Fact]
    public async Task Launch_AfterSignInElsewhere_NamesPersonaChange()
    {
        var appsPage = await _ehr.Client.GetStringAsync($"patients/{PatientId}/apps");
        using (var signedIn = await _ehr.SubmitAsync("sign-in", new() { ["username"] = "ava", ["password"] = "ava-sandbox" }))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var form = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(appsPage)), new("clientId", "sandbox-sample-app")]);

        using var response = await _ehr.Client.PostAsync($"patients/{PatientId}/apps?handler=Launch", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(AntiforgeryFailureFilter.PersonaChanged, html);
    }

    [Fact]
    public async Task Launch_WithoutToken_NamesInvalidToken()
    {
        using var form = new FormUrlEncodedContent([new("clientId", "sandbox-sample-app")]);

        using var response = await _ehr.Client.PostAsync($"patients/{PatientId}/apps?handler=Launch", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token is missing, invalid or expired", html);
    }

    [Fact]
    public async Task LaunchOptions_UnknownSandboxToken_IsRejected()
    {
        var path = "apps/sandbox-sample-app/launch-options";

        using var response = await _ehr.SubmitAsync(path, new() { ["Form.IframeSandbox"] = "allow-scripts allow-bogus" });
        var html = await response.Content.ReadAsStringAsync();
        var saved = await _ehr.Client.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tokens the HTML standard does not define, which browsers ignore: &#x27;allow-bogus&#x27;", html);
        Assert.DoesNotContain("allow-bogus", saved);
    }

    [Fact]
    public async Task AppList_ShowsReadableKinds()
    {
        var html = await _ehr.Client.GetStringAsync("apps");

        Assert.Contains("<td>Public (no secret, PKCE)</td>", html);
        Assert.DoesNotContain("<td>Public</td>", html);
    }

    [Fact]
    public async Task AppEdit_SeedConfidentialApp_SelectsBasicMethod()
    {
        var html = await _ehr.Client.GetStringAsync("apps/sandbox-confidential-app");

        Assert.Contains("<option value=\"client_secret_basic\" selected=\"selected\">", html);
    }
}
