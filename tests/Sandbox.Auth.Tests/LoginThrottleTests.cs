using System.Net;
using System.Net.Http.Json;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>The authorization server's sign-in page locks a persona after five wrong passwords in a row.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Login_FiveWrongPasswords_LocksPersona()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var persona = new { username = "dr.locked", displayName = "Dr Locked", role = "Practitioner", fhirUser = "Practitioner/pr-locked", password = "locked-sandbox" };
        using (var added = await fixture.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();
        var authorize = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid fhirUser user/*.rs", Pkce.Create()));
        var login = new Uri(fixture.Server.BaseAddress, authorize.Headers.Location!).PathAndQuery;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await PostLoginAsync(fixture, login, "guess" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var response = await PostLoginAsync(fixture, login, "locked-sandbox");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Sign-in as Dr Locked is locked for 30 more seconds after 5 wrong passwords in a row.", page);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(AuthFixture fixture, string login, string password)
    {
        var html = await fixture.Client.GetStringAsync(login);
        return await fixture.Client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(new Uri(fixture.Server.BaseAddress, login))["session"],
            ["username"] = "dr.locked",
            ["password"] = password,
        }));
    }
}
