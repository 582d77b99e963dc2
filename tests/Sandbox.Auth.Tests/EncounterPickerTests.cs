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
