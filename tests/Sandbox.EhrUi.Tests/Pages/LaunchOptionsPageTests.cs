using System.Net;
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
}
