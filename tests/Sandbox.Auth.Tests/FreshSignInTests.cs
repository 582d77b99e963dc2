using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// OpenID Connect Core 1.0 sections 2 and 3.1.2.1: <c>prompt=login</c> and an expired
/// <c>max_age</c> make the server sign the user in again, and the id_token carries
/// <c>auth_time</c>. A launch that skips sign-in shows the sign-in page in those cases.
/// </summary>
public sealed class FreshSignInTests
{
    private const string Scope = "launch openid fhirUser patient/*.rs";

    private static object Launch() => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
    };

    private static async Task<(AuthFixture Fixture, string Launch)> StartAsync()
    {
        var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        return (fixture, await fixture.CreateLaunchAsync(Launch()));
    }

    [Theory]
    [InlineData("&prompt=login")]
    [InlineData("&max_age=0")]
    public async Task SkipLoginLaunch_FreshSignInRequested_ShowsLoginPage(string extra)
    {
        var (fixture, launch) = await StartAsync();
        await using var _ = fixture;

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create(), launch) + extra);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/auth/login?session=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipLoginLaunch_MaxAgeNotExpired_IssuesAuthTime()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (fixture, launch) = await StartAsync();
        await using var _ = fixture;
        var pkce = Pkce.Create();

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch) + "&max_age=3600");
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);

        var token = await AuthFixture.ReadJsonAsync(response);
        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        var authTime = idToken["auth_time"]!.GetValue<long>();
        Assert.InRange(authTime, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task PromptLogin_AfterSignIn_IssuesCodeWithNewAuthTime()
    {
        var (fixture, launch) = await StartAsync();
        await using var _ = fixture;
        var pkce = Pkce.Create();
        var authorize = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, pkce, launch) + "&prompt=login");
        var login = new Uri(fixture.Server.BaseAddress, authorize.Headers.Location!);
        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var signInStart = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var posted = await fixture.Client.PostAsync(login.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(login)["session"],
            ["username"] = AuthFixture.PractitionerUser,
        }));
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await AuthFixture.ReadJsonAsync(response);
        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.InRange(idToken["auth_time"]!.GetValue<long>(), signInStart, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }
}
