using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class StandaloneLaunchTests
{
    private const string Scope = "launch/patient openid fhirUser patient/Observation.rs";

    /// <summary>Submits a page's form as a browser would, with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri page, Dictionary<string, string> fields)
    {
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static async Task<Uri> StartAsync(AuthFixture fixture, Pkce pkce)
    {
        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, pkce));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(fixture.Server.BaseAddress, response.Headers.Location!);
    }

    [Fact]
    public async Task Standalone_NoUser_RedirectsToLogin()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var page = await StartAsync(fixture, Pkce.Create());

        Assert.Equal("/auth/login", page.AbsolutePath);
    }

    [Fact]
    public async Task Standalone_PatientPersona_GetsOwnPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var login = await StartAsync(fixture, pkce);

        var posted = await SubmitAsync(fixture, login, new() { ["username"] = AuthFixture.PatientUser });
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.Equal($"{fixture.FhirBase}/Patient/{AuthFixture.PatientId}", AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>())["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standalone_WrongPassword_StaysOnLogin()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.AddPersonaAsync(new { username = "locked", displayName = "Locked", role = "Practitioner", fhirUser = "Practitioner/pr-2", password = "secret" });
        await fixture.RegisterPublicAppAsync("app");
        var login = await StartAsync(fixture, Pkce.Create());

        var posted = await SubmitAsync(fixture, login, new() { ["username"] = "locked", ["password"] = "wrong" });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("wrong password", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Consent_Denied_RedirectsAccessDenied()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var login = await StartAsync(fixture, Pkce.Create());
        var posted = await SubmitAsync(fixture, login, new() { ["username"] = AuthFixture.PatientUser });
        var consent = await fixture.Client.GetAsync(posted.Headers.Location!.OriginalString);
        var consentPage = new Uri(fixture.Server.BaseAddress, consent.Headers.Location!);

        var denied = await SubmitAsync(fixture, consentPage, new() { ["decision"] = "deny" });
        var redirect = await fixture.FollowToAppAsync(denied.Headers.Location!.OriginalString);

        Assert.Equal("/auth/consent", consentPage.AbsolutePath);
        Assert.Equal("access_denied", AuthFixture.Query(redirect)["error"]);
    }
}
