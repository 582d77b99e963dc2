using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// The app page's delete form over real HTTP, posted to the action the page renders, as a
/// browser posts it.
/// </summary>
public sealed partial class AppEditPageTests : IAsyncLifetime
{
    private const string ClientId = "page-delete-app";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("empty");
        var app = new { clientId = ClientId, name = "Delete me", kind = "Public", redirectUris = new[] { "http://127.0.0.1:9/callback" } };
        using var registered = await _ehr.Server.Client.PostAsJsonAsync("api/apps", app);
        registered.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task DeleteForm_PostsToAppUrl()
    {
        var html = await _ehr.Client.GetStringAsync($"apps/{ClientId}");

        Assert.Equal($"/apps/{ClientId}?handler=Delete", DeleteFormAction(html));
    }

    [Fact]
    public async Task DeleteForm_Submitted_RemovesApp()
    {
        var html = await _ehr.Client.GetStringAsync($"apps/{ClientId}");
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html)), new("confirm", "true")]);

        using var response = await _ehr.Client.PostAsync(DeleteFormAction(html), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/apps", response.Headers.Location?.OriginalString);
        using var lookup = await _ehr.Server.Client.GetAsync($"api/apps/{ClientId}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        var list = await _ehr.Client.GetStringAsync("apps");
        Assert.DoesNotContain(ClientId, list);
    }

    [Fact]
    public async Task DeleteForm_Unconfirmed_KeepsApp()
    {
        var html = await _ehr.Client.GetStringAsync($"apps/{ClientId}");
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html))]);

        using var response = await _ehr.Client.PostAsync(DeleteFormAction(html), form);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The app was not deleted: tick the box", page);
        Assert.Contains("name=\"confirm\" value=\"true\" required", page);
        using var lookup = await _ehr.Server.Client.GetAsync($"api/apps/{ClientId}");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [Theory]
    [InlineData("apps/no-such-app?handler=Delete")]
    [InlineData("apps/new?handler=Delete")]
    public async Task Delete_WithoutApp_Returns404Page(string target)
    {
        var html = await _ehr.Client.GetStringAsync("apps/new");
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html))]);

        using var response = await _ehr.Client.PostAsync(target, form);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<html", page);
        using var lookup = await _ehr.Server.Client.GetAsync($"api/apps/{ClientId}");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [Fact]
    public async Task Register_LifetimePastInt32_RejectsForm()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.ClientId"] = "page-overflow-app",
            ["Form.Name"] = "Overflow",
            ["Form.Kind"] = "Public",
            ["Form.RedirectUris"] = "http://127.0.0.1:9/callback",
            ["Form.AccessTokenLifetimeSeconds"] = "99999999999999",
        };

        using var response = await _ehr.SubmitAsync("apps/new", fields);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("accessTokenLifetimeSeconds &#x27;99999999999999&#x27; is invalid", page);
        using var lookup = await _ehr.Server.Client.GetAsync("api/apps/page-overflow-app");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Edit_UnknownKind_KeepsStoredApp()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "Renamed",
            ["Form.Kind"] = "NoSuchKind",
            ["Form.RedirectUris"] = "http://127.0.0.1:9/callback",
        };

        using var response = await _ehr.SubmitAsync($"apps/{ClientId}", fields);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("kind &#x27;NoSuchKind&#x27; is invalid", page);
        var stored = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>($"api/apps/{ClientId}");
        Assert.Equal("Delete me", (string?)stored?["name"]);
    }

    [Fact]
    public async Task Edit_RefreshTokensUnticked_StoresFalse()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "Delete me",
            ["Form.Kind"] = "Public",
            ["Form.RedirectUris"] = "http://127.0.0.1:9/callback",
            ["Form.RefreshTokens"] = "false",
        };

        using var response = await _ehr.SubmitAsync($"apps/{ClientId}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>($"api/apps/{ClientId}");
        Assert.False((bool?)stored?["refreshTokens"]);
    }

    [Fact]
    public async Task EditPage_NoRefreshTokens_LeavesBoxUnticked()
    {
        var app = new { clientId = "page-no-refresh-app", name = "No refresh", redirectUris = new[] { "http://127.0.0.1:9/callback" }, refreshTokens = false };
        using var registered = await _ehr.Server.Client.PostAsJsonAsync("api/apps", app);
        registered.EnsureSuccessStatusCode();

        var html = await _ehr.Client.GetStringAsync("apps/page-no-refresh-app");

        var box = RefreshTokensBox().Match(html);
        Assert.True(box.Success, "The page has no Form.RefreshTokens checkbox.");
        Assert.DoesNotContain("checked", box.Value);
    }

    // A hash-routed app reads iss from the query, which a browser keeps apart from the fragment.
    [Fact]
    public async Task EditPage_LaunchUrlFragment_PutsIssInQuery()
    {
        var app = new { clientId = "page-hash-app", name = "Hash router", redirectUris = new[] { "http://127.0.0.1:9/callback" }, launchUrl = "http://127.0.0.1:9/#/launch" };
        using var registered = await _ehr.Server.Client.PostAsJsonAsync("api/apps", app);
        registered.EnsureSuccessStatusCode();

        var html = await _ehr.Client.GetStringAsync("apps/page-hash-app");

        Assert.Matches(@"href=""http://127\.0\.0\.1:9/\?iss=[^""#]+#/launch""", html);
    }

    // The box starts ticked on the registration page, and the page cannot untick it when
    // Backend service is chosen, so the app is saved without refresh tokens and with a notice.
    [Fact]
    public async Task Register_BackendWithBoxTicked_StoresFalse()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.ClientId"] = "page-backend-app",
            ["Form.Name"] = "Backend",
            ["Form.Kind"] = "BackendService",
            ["Form.Jwks"] = PublicRsaJwks(),
            ["Form.RefreshTokens"] = "true",
        };

        using var response = await _ehr.SubmitAsync("apps/new", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("message-error", html);
        Assert.Contains("saved without refresh tokens", html);
        var box = RefreshTokensBox().Match(html);
        Assert.True(box.Success, "The page has no Form.RefreshTokens checkbox.");
        Assert.DoesNotContain("checked", box.Value);
        var stored = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>("api/apps/page-backend-app");
        Assert.False((bool?)stored?["refreshTokens"]);
    }

    [Fact]
    public async Task Register_PublicWithBoxTicked_ShowsNoNotice()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.ClientId"] = "page-public-app",
            ["Form.Name"] = "Public",
            ["Form.Kind"] = "Public",
            ["Form.RedirectUris"] = "http://127.0.0.1:9/callback",
            ["Form.RefreshTokens"] = "true",
        };

        using var response = await _ehr.SubmitAsync("apps/new", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("saved without refresh tokens", html);
        var stored = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>("api/apps/page-public-app");
        Assert.True((bool?)stored?["refreshTokens"]);
    }

    private static string PublicRsaJwks()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = "rsa-1",
            ["n"] = WebEncoders.Base64UrlEncode(parameters.Modulus!),
            ["e"] = WebEncoders.Base64UrlEncode(parameters.Exponent!),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    private static string DeleteFormAction(string html)
    {
        var match = DeleteForm().Match(html);
        Assert.True(match.Success, "The page has no form whose action has handler=Delete.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*handler=Delete)\"")]
    private static partial Regex DeleteForm();

    [GeneratedRegex("<input[^>]*type=\"checkbox\"[^>]*name=\"Form.RefreshTokens\"[^>]*>")]
    private static partial Regex RefreshTokensBox();
}
