using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class RedirectUriIssTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3000/cb?iss=x")]
    [InlineData("http://127.0.0.1:3000/cb?a=1&%69ss=1")]
    public async Task PostApp_RedirectUriWithIss_Returns400Problem(string redirectUri)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", new { clientId = "iss-app", name = "Iss", redirectUris = new[] { redirectUri } });
        var problem = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'iss' query parameter", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http://127.0.0.1:3000/cb?state=x", "state")]
    [InlineData("http://127.0.0.1:3000/cb?a=1&code=x", "code")]
    [InlineData("http://127.0.0.1:3000/cb?error=x", "error")]
    public async Task PostApp_RedirectUriWithResponseParameter_Returns400(string redirectUri, string name)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", new { clientId = "param-app", name = "Param", redirectUris = new[] { redirectUri } });
        var problem = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{name}' query parameter", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostApp_RedirectUriWithIss_StoresNoApp()
    {
        await using var fixture = await AuthFixture.StartAsync();

        await fixture.Client.PostAsJsonAsync("/api/apps", new { clientId = "iss-app", name = "Iss", redirectUris = new[] { "http://127.0.0.1:3000/cb?iss=x" } });
        var read = await fixture.Client.GetAsync("/api/apps/iss-app");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task PutApp_RedirectUriWithIss_KeepsOldApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.PutAsJsonAsync("/api/apps/app", new { clientId = "app", name = "Iss", redirectUris = new[] { "http://127.0.0.1:3000/cb?iss=1" } });
        var stored = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/app");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AuthFixture.RedirectUri, stored!["redirectUris"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_RedirectUriWithIss_ReturnsInvalidRedirectUri()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/auth/register", new { client_name = "Iss", redirect_uris = new[] { "http://127.0.0.1:3000/cb?iss=x" } });
        var error = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_redirect_uri", error["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task LooseAuthorize_RedirectUriWithIss_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var url = "/auth/authorize?response_type=code&client_id=loose-iss&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcb%3Fiss%3D1"
            + "&scope=openid&state=st-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        var response = await fixture.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("iss", html);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task LooseAuthorize_KnownLooseAppWithIssUri_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();
        const string prefix = "/auth/authorize?response_type=code&client_id=loose-two&scope=openid&state=st-1"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&redirect_uri=";
        await fixture.Client.GetAsync(prefix + Uri.EscapeDataString("http://127.0.0.1:3000/cb"));

        var response = await fixture.Client.GetAsync(prefix + Uri.EscapeDataString("http://127.0.0.1:3000/cb?iss=1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
