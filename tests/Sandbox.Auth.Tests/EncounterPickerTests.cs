using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class EncounterPickerTests
{
    private const string Scope = "launch/patient launch/encounter patient/*.rs";

    [Theory]
    [InlineData("e-other")]
    [InlineData("e-missing")]
    [InlineData("../../x")]
    public async Task EncounterPicker_InvalidEncounter_ShowsPickerAgain(string encounterId)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await StoreOtherPatientsEncounterAsync(fixture);
        await fixture.RegisterPublicAppAsync("app");
        var picker = await OpenPickerAsync(fixture);

        var response = await SubmitAsync(fixture, picker, encounterId);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("name=\"encounterId\" value=\"e-1\"", html);
    }

    [Fact]
    public async Task EncounterPicker_OtherPatientsEncounter_NamesItsPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await StoreOtherPatientsEncounterAsync(fixture);
        await fixture.RegisterPublicAppAsync("app");
        var picker = await OpenPickerAsync(fixture);

        var response = await SubmitAsync(fixture, picker, "e-other");

        Assert.Contains("belongs to Patient/p-2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EncounterPicker_PatientsOwnEncounter_ContinuesToApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await OpenPickerAsync(fixture);

        var response = await SubmitAsync(fixture, picker, "e-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    // A request without launch/encounter has no encounter to choose, even with a patient chosen.
    [Fact]
    public async Task Get_SessionWithoutEncounterScope_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var session = await OpenPatientPickerAsync(fixture, "launch/patient patient/*.rs");

        var response = await fixture.Client.GetAsync($"/auth/encounter?session={session}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lacks the scope launch/encounter", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"encounterId\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SessionWithoutEncounterScope_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var session = await OpenPatientPickerAsync(fixture, "launch/patient patient/*.rs");

        var response = await PostToPickerAsync(fixture, session, "patient", new() { ["encounterId"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lacks the scope launch/encounter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SessionWithoutPatient_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var session = await OpenPatientPickerAsync(fixture, Scope);

        var response = await fixture.Client.GetAsync($"/auth/encounter?session={session}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No patient has been chosen", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/auth/authorize?sandbox_session={session}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SessionWithoutPatient_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var session = await OpenPatientPickerAsync(fixture, Scope);

        var response = await PostToPickerAsync(fixture, session, "patient", new() { ["encounterId"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No patient has been chosen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_SessionWithoutEncounterScope_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var session = await OpenPatientPickerAsync(fixture, "launch/patient patient/*.rs");

        var response = await PostToPickerAsync(fixture, session, "patient", [], handler: "Cancel");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // Signs in as the practitioner persona, which may open every patient, so the request stops
    // at the patient picker. Returns the session id.
    private static async Task<string> OpenPatientPickerAsync(AuthFixture fixture, string scope)
    {
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", scope, Pkce.Create()));
        var loginPage = new Uri(fixture.Server.BaseAddress, login.Headers.Location!.OriginalString);
        var afterLogin = await PostFormAsync(fixture, loginPage, new() { ["username"] = AuthFixture.PractitionerUser });
        var next = await fixture.Client.GetAsync(afterLogin.Headers.Location!.OriginalString);
        var picker = new Uri(fixture.Server.BaseAddress, next.Headers.Location!.OriginalString);
        Assert.Equal("/auth/patient", picker.AbsolutePath);
        return AuthFixture.Query(picker)["session"];
    }

    // Posts to the encounter picker with the antiforgery token of another interaction page of
    // the same session, because the encounter picker does not render its form for such a session.
    private static async Task<HttpResponseMessage> PostToPickerAsync(
        AuthFixture fixture,
        string session,
        string tokenPage,
        Dictionary<string, string> fields,
        string? handler = null)
    {
        var html = await fixture.Client.GetStringAsync($"/auth/{tokenPage}?session={session}");
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = session;
        var path = handler is null ? "/auth/encounter" : $"/auth/encounter?handler={handler}";
        return await fixture.Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    // Signs in as the patient persona, whose only patient is chosen without a patient picker.
    private static async Task<Uri> OpenPickerAsync(AuthFixture fixture)
    {
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create()));
        var loginPage = new Uri(fixture.Server.BaseAddress, login.Headers.Location!.OriginalString);
        var afterLogin = await PostFormAsync(fixture, loginPage, new() { ["username"] = AuthFixture.PatientUser });
        var next = await fixture.Client.GetAsync(afterLogin.Headers.Location!.OriginalString);
        var picker = new Uri(fixture.Server.BaseAddress, next.Headers.Location!.OriginalString);
        Assert.Equal("/auth/encounter", picker.AbsolutePath);
        return picker;
    }

    private static Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, Uri picker, string encounterId) =>
        PostFormAsync(fixture, picker, new() { ["encounterId"] = encounterId });

    private static async Task<HttpResponseMessage> PostFormAsync(AuthFixture fixture, Uri page, Dictionary<string, string> fields)
    {
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static async Task StoreOtherPatientsEncounterAsync(AuthFixture fixture)
    {
        var encounter = new Hl7.Fhir.Model.Encounter
        {
            Id = "e-other",
            Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
            Class = new Hl7.Fhir.Model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Subject = new Hl7.Fhir.Model.ResourceReference("Patient/p-2"),
        };
        await fixture.SaveAsync(encounter);
    }
}
