using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// What happens when the granted scopes need a patient and the launch names none: the patient
/// picker is shown, and when no patient can be picked, the patient scopes are dropped.
/// </summary>
public sealed class PatientContextTests
{
    private static object LaunchWithoutPatient() => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        skipLogin = true,
    };

    /// <summary>Submits a page's form as a browser would, with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri page, Dictionary<string, string> fields)
    {
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields[HtmlForms.AntiforgeryField] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    // Follows one redirect inside the sandbox and returns where the next one points.
    private async Task<Uri> NextPageAsync(AuthFixture fixture, string url)
    {
        using var response = await fixture.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(fixture.Server.BaseAddress, response.Headers.Location!);
    }

    // Starts a standalone request, signs in as the persona and returns the page that follows.
    private async Task<Uri> SignInAsync(AuthFixture fixture, string scope, Pkce pkce, string username)
    {
        var login = await NextPageAsync(fixture, fixture.AuthorizeUrl("app", scope, pkce));
        using var posted = await SubmitAsync(fixture, login, new() { ["username"] = username });
        return await NextPageAsync(fixture, posted.Headers.Location!.OriginalString);
    }

    private static async Task<JsonObject> RedeemAsync(AuthFixture fixture, Uri redirect, Pkce pkce)
    {
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task EhrLaunchWithoutPatient_ShowsPatientPicker()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(LaunchWithoutPatient());

        var page = await NextPageAsync(fixture, fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch));

        Assert.Equal("/auth/patient", page.AbsolutePath);
    }

    [Fact]
    public async Task EhrLaunchWithoutPatient_PickedPatientInToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(LaunchWithoutPatient());
        var pkce = Pkce.Create();
        var picker = await NextPageAsync(fixture, fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));

        using var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = "p-2" });
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var token = await RedeemAsync(fixture, redirect, pkce);

        Assert.Equal("p-2", token["patient"]!.GetValue<string>());
        Assert.Equal("launch patient/*.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task EhrLaunchWithoutPatient_JournalNamesPicker()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(LaunchWithoutPatient());

        await NextPageAsync(fixture, fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch));

        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{launch}/events"))!;
        Assert.Contains(events, entry => entry!["message"]!.GetValue<string>().Contains("patient picker is shown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StandalonePatientScopes_ShowsPatientPicker()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var page = await SignInAsync(fixture, "openid fhirUser patient/*.rs", Pkce.Create(), AuthFixture.PractitionerUser);

        Assert.Equal("/auth/patient", page.AbsolutePath);
    }

    [Fact]
    public async Task PatientPicker_ShowsBirthDatesAsEhrDoes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await fixture.SaveAsync(
            new Hl7.Fhir.Model.Patient { Id = "p-day", Name = [new() { Family = "Day", Given = ["Dora"] }], BirthDate = "2023-10-06" },
            new Hl7.Fhir.Model.Patient { Id = "p-year", Name = [new() { Family = "Year", Given = ["Yuri"] }], BirthDate = "1990" });

        var page = await SignInAsync(fixture, "openid fhirUser patient/*.rs", Pkce.Create(), AuthFixture.PractitionerUser);
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);

        Assert.Contains("Dora Day, born 6 Oct 2023", html, StringComparison.Ordinal);
        Assert.Contains("Yuri Year, born 1990", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PickedPatient_ReturnedWithoutLaunchScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var picker = await SignInAsync(fixture, "openid fhirUser patient/*.rs", pkce, AuthFixture.PractitionerUser);

        using var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = "p-2" });
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var token = await RedeemAsync(fixture, redirect, pkce);

        Assert.Equal("p-2", token["patient"]!.GetValue<string>());
        Assert.Null(token["need_patient_banner"]);
    }

    [Fact]
    public async Task PickedPatient_ReturnedAfterRefresh()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var picker = await SignInAsync(fixture, "offline_access patient/*.rs", pkce, AuthFixture.PractitionerUser);
        using var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = "p-2" });
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var token = await RedeemAsync(fixture, redirect, pkce);

        using var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = token["refresh_token"]!.GetValue<string>(),
            ["client_id"] = "app",
        });
        var refreshed = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("p-2", refreshed["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task PickedPatient_ReturnedByIntrospection()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var picker = await SignInAsync(fixture, "patient/*.rs", pkce, AuthFixture.PractitionerUser);
        using var posted = await SubmitAsync(fixture, picker, new() { ["patientId"] = "p-2" });
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var accessToken = (await RedeemAsync(fixture, redirect, pkce))["access_token"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = accessToken }),
        };
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await fixture.Client.SendAsync(request);
        var body = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("p-2", body["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyOpenablePatient_ReturnedWithoutLaunchScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();

        var redirect = await SignInAsync(fixture, "patient/*.rs", pkce, AuthFixture.PatientUser);
        var token = await RedeemAsync(fixture, redirect, pkce);

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.Null(token["need_patient_banner"]);
    }

    [Fact]
    public async Task NoPickablePatient_DropsPatientScopes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.AddPersonaAsync(new { username = "dr-limited", displayName = "Dr Limited", role = "Practitioner", fhirUser = "Practitioner/pr-2", patientIds = new[] { "p-missing" } });
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();

        var redirect = await SignInAsync(fixture, "openid fhirUser patient/*.rs", pkce, "dr-limited");
        var token = await RedeemAsync(fixture, redirect, pkce);

        Assert.Equal("openid fhirUser", token["scope"]!.GetValue<string>());
        Assert.Null(token["patient"]);
    }

    [Fact]
    public async Task NoPickablePatient_ReturnsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.AddPersonaAsync(new { username = "dr-limited", displayName = "Dr Limited", role = "Practitioner", fhirUser = "Practitioner/pr-2", patientIds = new[] { "p-missing" } });
        await fixture.RegisterPublicAppAsync("app");

        var redirect = await SignInAsync(fixture, "patient/*.rs", Pkce.Create(), "dr-limited");

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task StandaloneLaunchPatient_ReturnsPatientBanner()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();

        var redirect = await SignInAsync(fixture, "launch/patient patient/*.rs", pkce, AuthFixture.PatientUser);
        var token = await RedeemAsync(fixture, redirect, pkce);

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.True(token["need_patient_banner"]!.GetValue<bool>());
    }
}
