using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Sandbox.Auth.Tests;

/// <summary>
/// RFC 6749 sections 3.1 and 3.2: a request parameter must not appear more than once. The
/// authorize endpoint (GET and POST) and the token endpoint reject a repeated parameter with
/// <c>invalid_request</c> naming it, and the authorize endpoint redirects only to a verified
/// redirect URI.
/// </summary>
public sealed class DuplicateParameterTests
{
    private static async Task<AuthFixture> StartWithAppAsync()
    {
        var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "Off" });
        await fixture.RegisterPublicAppAsync("app");
        return fixture;
    }

    /// <summary>Returns the form fields of a valid authorization request, each given once.</summary>
    private static List<KeyValuePair<string, string>> Fields(AuthFixture fixture)
    {
        var query = new Uri(fixture.Server.BaseAddress, AuthorizeRequest.Url(fixture)).Query;
        return QueryHelpers.ParseQuery(query).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())).ToList();
    }

    private static Dictionary<string, string> AssertRedirectedToApp(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AuthFixture.RedirectUri, response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        return AuthorizeRequest.RedirectParameters(response.Headers.Location!);
    }

    [Fact]
    public async Task Authorize_RepeatedScope_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();
        var url = AuthorizeRequest.Url(fixture) + "&scope=launch";

        var response = await fixture.Client.GetAsync(url);

        var parameters = AssertRedirectedToApp(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("'scope' appears more than once", parameters["error_description"], StringComparison.Ordinal);
        Assert.Equal(AuthFixture.State, parameters["state"]);
    }

    [Fact]
    public async Task Authorize_PostRepeatedAud_RedirectsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();
        var fields = Fields(fixture);
        fields.Add(KeyValuePair.Create("aud", "http://127.0.0.1:9/fhir"));

        var response = await fixture.Client.PostAsync("/auth/authorize", new FormUrlEncodedContent(fields));

        var parameters = AssertRedirectedToApp(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("'aud' appears more than once", parameters["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_RepeatedState_RedirectsWithoutState()
    {
        await using var fixture = await StartWithAppAsync();
        var url = AuthorizeRequest.Url(fixture) + "&state=st-2";

        var response = await fixture.Client.GetAsync(url);

        var parameters = AssertRedirectedToApp(response);
        Assert.Equal("invalid_request", parameters["error"]);
        Assert.Contains("'state' appears more than once", parameters["error_description"], StringComparison.Ordinal);
        Assert.False(parameters.ContainsKey("state"));
    }

    [Fact]
    public async Task Authorize_RepeatedRedirectUri_ShowsErrorPage()
    {
        await using var fixture = await StartWithAppAsync();
        var url = AuthorizeRequest.Url(fixture) + "&redirect_uri=" + Uri.EscapeDataString(AuthFixture.RedirectUri);

        var response = await fixture.Client.GetAsync(url);

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", page, StringComparison.Ordinal);
        Assert.Contains("'redirect_uri' appears more than once", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PostRepeatedClientId_ShowsErrorPage()
    {
        await using var fixture = await StartWithAppAsync();
        var fields = Fields(fixture);
        fields.Add(KeyValuePair.Create("client_id", "app"));

        var response = await fixture.Client.PostAsync("/auth/authorize", new FormUrlEncodedContent(fields));

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("'client_id' appears more than once", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RepeatedCode_ReturnsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();
        var form = new List<KeyValuePair<string, string>>
        {
            KeyValuePair.Create("grant_type", "authorization_code"),
            KeyValuePair.Create("code", "first"),
            KeyValuePair.Create("code", "second"),
            KeyValuePair.Create("redirect_uri", AuthFixture.RedirectUri),
            KeyValuePair.Create("client_id", "app"),
            KeyValuePair.Create("code_verifier", Pkce.Create().Verifier),
        };

        var response = await fixture.Client.PostAsync("/auth/token", new FormUrlEncodedContent(form));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.Contains("'code' appears more than once", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RepeatedEmptyScope_ReturnsInvalidRequest()
    {
        await using var fixture = await StartWithAppAsync();
        var form = new List<KeyValuePair<string, string>>
        {
            KeyValuePair.Create("grant_type", "refresh_token"),
            KeyValuePair.Create("refresh_token", "unknown"),
            KeyValuePair.Create("client_id", "app"),
            KeyValuePair.Create("scope", ""),
            KeyValuePair.Create("scope", "patient/*.rs"),
        };

        var response = await fixture.Client.PostAsync("/auth/token", new FormUrlEncodedContent(form));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.Contains("'scope' appears more than once", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
