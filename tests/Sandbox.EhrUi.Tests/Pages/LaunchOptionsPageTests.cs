using System.Net;
using System.Text.RegularExpressions;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The launch options form over HTTP, posted as a browser posts it.</summary>
public sealed class LaunchOptionsPageTests : IAsyncLifetime
{
    private const string ClientId = "launch-options-app";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("empty");
        await _ehr.Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Launch options app", RedirectUris = ["http://127.0.0.1:9/callback"], LaunchUrl = "http://127.0.0.1:9/launch" });
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/style.json")]
    public async Task StyleUrl_NotHttp_IsRejected(string styleUrl)
    {
        var fields = new Dictionary<string, string> { ["Form.OpenIn"] = "Frame", ["Form.SmartStyleUrl"] = styleUrl };

        using var response = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", fields);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The options were not saved", page);
        Assert.Contains("is not an absolute http or https URL", page);
    }

    [Fact]
    public async Task StyleUrl_Https_IsSaved()
    {
        var fields = new Dictionary<string, string> { ["Form.OpenIn"] = "Frame", ["Form.SmartStyleUrl"] = "https://styles.example.org/smart-style.json" };

        using var response = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Reset_SavedOptions_RestoresDefaults()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.OpenIn"] = "NewTab",
            ["Form.SkipConsent"] = "true",
            ["Form.SimulatedError"] = "AuthorizeAccessDenied",
            ["Form.IframeSandbox"] = "allow-scripts",
        };
        using (var saved = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", fields))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var reset = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", [], handler: "Reset");
        var page = await _ehr.Client.GetStringAsync(reset.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal($"/apps/{ClientId}/launch-options", reset.Headers.Location?.OriginalString);
        Assert.Contains("The options were reset to their defaults.", page);
        Assert.DoesNotContain("checked", InputTag(page, "Form.SkipConsent", "true"));
        Assert.Contains("checked", InputTag(page, "Form.OpenIn", "Frame"));
        Assert.Contains("<option selected=\"selected\" value=\"None\">", page);
        Assert.Contains("allow-popups-to-escape-sandbox", page);
    }

    [Fact]
    public async Task Reset_WithPatient_KeepsPatientInRedirect()
    {
        using var reset = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", new() { ["Patient"] = "p1", ["Encounter"] = "e1" }, handler: "Reset");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal($"/apps/{ClientId}/launch-options?patient=p1&encounter=e1", reset.Headers.Location?.OriginalString);
    }

    // Returns the <input> tag with the given name and value, so a test can read its checked state.
    private static string InputTag(string html, string name, string value)
    {
        var tags = Regex.Matches(html, "<input[^>]*>").Select(match => match.Value);
        return Assert.Single(tags, tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal)
            && tag.Contains($"value=\"{value}\"", StringComparison.Ordinal));
    }
}
