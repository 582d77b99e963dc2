using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The sign-in, picker and consent pages reached with a session that is unknown, expired or
/// already answered, as after the browser's Back button, and the encounter picker's order.
/// </summary>
public sealed class InteractionSessionEndTests
{
    private const string AnsweredHeading = "Request already answered";

    [Fact]
    public async Task Consent_UnknownSession_Returns400HtmlPage()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync("/auth/consent?session=bogus");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Session expired</h1>", html);
        Assert.Contains("<main class=\"auth-page\">", html);
    }

    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/patient")]
    [InlineData("/auth/encounter")]
    public async Task Page_UnknownSession_Returns400HtmlPage(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync($"{path}?session=bogus");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Session expired</h1>", html);
    }

    [Fact]
    public async Task Consent_AfterDeny_ShowsAlreadyAnswered()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var consent = await OpenConsentAsync(fixture);
        var denied = await SubmitAsync(fixture, consent, new() { ["decision"] = "deny" });
        await fixture.FollowToAppAsync(denied.Headers.Location!.OriginalString);

        var response = await fixture.Client.GetAsync(consent.PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(AnsweredHeading, html);
        Assert.DoesNotContain("value=\"allow\"", html);
    }

    [Fact]
    public async Task ConsentPost_AfterDeny_DoesNotRedirect()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var consent = await OpenConsentAsync(fixture);
        var form = await ReadFormAsync(fixture, consent);
        await PostAsync(fixture, consent, form, "deny");

        var response = await PostAsync(fixture, consent, form, "allow");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(AnsweredHeading, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Consent_AfterAllow_ShowsAlreadyAnswered()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", showConsent: true);
        var consent = await OpenConsentAsync(fixture);
        var allowed = await SubmitAsync(fixture, consent, new() { ["decision"] = "allow", ["scopes"] = "openid" });
        var redirect = await fixture.FollowToAppAsync(allowed.Headers.Location!.OriginalString);

        var response = await fixture.Client.GetAsync(consent.PathAndQuery);

        Assert.True(AuthFixture.Query(redirect).ContainsKey("code"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(AnsweredHeading, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EncounterPicker_ListsNewestFirstWithEhrDates()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await StoreEncountersAsync(fixture);
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch/patient launch/encounter patient/*.rs", Pkce.Create()));
        var afterLogin = await SubmitAsync(fixture, new Uri(fixture.Server.BaseAddress, login.Headers.Location!), new() { ["username"] = AuthFixture.PractitionerUser });
        var patientPicker = await FollowAsync(fixture, afterLogin);
        var afterPatient = await SubmitAsync(fixture, patientPicker, new() { ["patientId"] = AuthFixture.PatientId });
        var encounterPicker = await FollowAsync(fixture, afterPatient);

        var html = await fixture.Client.GetStringAsync(encounterPicker.PathAndQuery);

        var newer = html.IndexOf("25 Nov 2026 12:00", StringComparison.Ordinal);
        var older = html.IndexOf("4 Jan 2025 09:00", StringComparison.Ordinal);
        Assert.True(newer >= 0, "The newer encounter's date is missing or not in the EHR's format.");
        Assert.True(older > newer, "The older encounter is missing or listed before the newer one.");
        Assert.DoesNotContain("2025-01-04T09:00:00", html);
    }

    private static Task StoreEncountersAsync(AuthFixture fixture) =>
        fixture.SaveAsync(Encounter("e-old", "2025-01-04T09:00:00Z"), Encounter("e-new", "2026-11-25T12:00:00Z"));

    private static Hl7.Fhir.Model.Encounter Encounter(string id, string start) => new()
    {
        Id = id,
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
        Class = new Hl7.Fhir.Model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
        Subject = new Hl7.Fhir.Model.ResourceReference($"Patient/{AuthFixture.PatientId}"),
        Period = new Hl7.Fhir.Model.Period { Start = start },
    };

    // Follows a page's redirect to the authorize endpoint, which redirects to the next page.
    private static async Task<Uri> FollowAsync(AuthFixture fixture, HttpResponseMessage posted)
    {
        var next = await fixture.Client.GetAsync(posted.Headers.Location!.OriginalString);
        return new Uri(fixture.Server.BaseAddress, next.Headers.Location!);
    }

    private static async Task<Uri> OpenConsentAsync(AuthFixture fixture)
    {
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "openid patient/*.rs", Pkce.Create()));
        var loginPage = new Uri(fixture.Server.BaseAddress, login.Headers.Location!);
        var posted = await SubmitAsync(fixture, loginPage, new() { ["username"] = AuthFixture.PatientUser });
        var next = await fixture.Client.GetAsync(posted.Headers.Location!.OriginalString);
        return new Uri(fixture.Server.BaseAddress, next.Headers.Location!);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri page, Dictionary<string, string> fields)
    {
        var form = await ReadFormAsync(fixture, page);
        foreach (var (name, value) in form)
            fields.TryAdd(name, value);

        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    // The hidden fields of a page's form, read once so a test can post the same form twice.
    private static async Task<Dictionary<string, string>> ReadFormAsync(AuthFixture fixture, Uri page)
    {
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(page)["session"],
        };
    }

    private static Task<HttpResponseMessage> PostAsync(AuthFixture fixture, Uri page, Dictionary<string, string> form, string decision) =>
        fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["decision"] = decision }));
}
