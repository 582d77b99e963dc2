using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// An authorization request waits on the server while the user signs in and consents, and
/// the pages return to it with a short reference. A POSTed request with a 20,000-character
/// <c>state</c> (authorize-post) therefore completes and gives the app its exact state back.
/// </summary>
public sealed class PendingAuthorizeRequestTests
{
    private const string Scope = "openid fhirUser user/*.rs";

    private static readonly string LongState = string.Concat(Enumerable.Repeat("0123456789", 2_000));

    /// <summary>Submits a page's form as a browser would, with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri location, Dictionary<string, string> fields)
    {
        var page = new Uri(fixture.Server.BaseAddress, location);
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> PostAuthorizeAsync(AuthFixture fixture, Pkce pkce)
    {
        var query = new Uri(fixture.Server.BaseAddress, fixture.AuthorizeUrl("app", Scope, pkce, state: LongState)).Query;
        var form = QueryHelpers.ParseQuery(query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        return fixture.Client.PostAsync("/auth/authorize", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task PostLongState_AfterLogin_ReturnsExactState()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var login = await PostAuthorizeAsync(fixture, pkce);

        var signedIn = await SubmitAsync(fixture, login.Headers.Location!, new() { ["username"] = AuthFixture.PractitionerUser });
        var redirect = await fixture.FollowToAppAsync(signedIn.Headers.Location!.OriginalString);

        var parameters = AuthFixture.Query(redirect);
        Assert.Equal(LongState, parameters["state"]);
        Assert.NotEmpty(parameters["code"]);
        Assert.Equal(HttpStatusCode.OK, (await fixture.RedeemCodeAsync("app", parameters["code"], pkce)).StatusCode);
    }

    [Fact]
    public async Task PostLongState_AfterConsent_ReturnsExactState()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var login = await PostAuthorizeAsync(fixture, Pkce.Create());
        var signedIn = await SubmitAsync(fixture, login.Headers.Location!, new() { ["username"] = AuthFixture.PractitionerUser });
        var consent = await fixture.Client.GetAsync(signedIn.Headers.Location!.OriginalString);

        var allowed = await SubmitAsync(fixture, consent.Headers.Location!, new() { ["decision"] = "allow", ["scopes"] = "user/*.rs" });
        var redirect = await fixture.FollowToAppAsync(allowed.Headers.Location!.OriginalString);

        Assert.Equal(LongState, AuthFixture.Query(redirect)["state"]);
    }

    [Fact]
    public async Task Login_ReturnUrl_CarriesOnlySessionReference()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await PostAuthorizeAsync(fixture, Pkce.Create());

        var signedIn = await SubmitAsync(fixture, login.Headers.Location!, new() { ["username"] = AuthFixture.PractitionerUser });

        var returnUrl = new Uri(fixture.Server.BaseAddress, signedIn.Headers.Location!);
        Assert.Equal("/auth/authorize", returnUrl.AbsolutePath);
        Assert.Equal(["sandbox_session"], AuthFixture.Query(returnUrl).Keys);
    }

    [Fact]
    public async Task Authorize_UnknownSession_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync("/auth/authorize?sandbox_session=unknown");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The authorization session 'unknown' is unknown or has expired", page, StringComparison.Ordinal);
    }
}
