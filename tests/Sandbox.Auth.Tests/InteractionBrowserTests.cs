using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// An interaction session belongs to the browser that sent its authorization request. Another
/// browser that learns the session id, for example from a link to the sign-in page, can neither
/// answer its pages nor resume the request and receive the code.
/// </summary>
public sealed class InteractionBrowserTests
{
    private const string Scope = "launch/patient openid fhirUser patient/Observation.rs";

    [Fact]
    public async Task LoginPage_OtherBrowser_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await StartAsync(fixture);
        using var otherBrowser = CreateBrowser(fixture);

        using var response = await otherBrowser.GetAsync(login.PathAndQuery);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("started in another browser", page);
    }

    [Fact]
    public async Task Resume_OtherBrowser_GetsNoCode()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var login = await StartAsync(fixture);
        using var signedIn = await SubmitAsync(fixture.Client, login, new() { ["username"] = AuthFixture.PatientUser });
        var resume = signedIn.Headers.Location!.OriginalString;
        using var otherBrowser = CreateBrowser(fixture);

        using var response = await otherBrowser.GetAsync(resume);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Resume_SameBrowser_ShowsConsent()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var login = await StartAsync(fixture);
        using var signedIn = await SubmitAsync(fixture.Client, login, new() { ["username"] = AuthFixture.PatientUser });

        using var response = await fixture.Client.GetAsync(signedIn.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/auth/consent?session=", response.Headers.Location!.OriginalString);
    }

    private static async Task<Uri> StartAsync(AuthFixture fixture)
    {
        using var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(fixture.Server.BaseAddress, response.Headers.Location!);
    }

    // A client with its own cookies, as a second browser has.
    private static HttpClient CreateBrowser(AuthFixture fixture) =>
        fixture.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, Uri page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }
}
