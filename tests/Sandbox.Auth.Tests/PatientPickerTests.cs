using HumanName = Hl7.Fhir.Model.HumanName;
using Patient = Hl7.Fhir.Model.Patient;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>The order and the Cancel button of the patient picker at <c>/auth/patient</c>.</summary>
public sealed class PatientPickerTests
{
    private const string Scope = "launch/patient patient/*.rs";

    [Fact]
    public async Task Picker_Parent_ListsOwnRecordFirst()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.SaveAsync(NamedPatient("p-child", "Abel", "Garcia"), NamedPatient("p-parent", "Zoe", "Garcia"));
        await fixture.AddPersonaAsync(new { username = "parent", displayName = "Zoe Garcia", role = "Patient", fhirUser = "Patient/p-parent", patientIds = new[] { "p-child", "p-parent" } });
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, "parent");

        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);

        var parent = html.IndexOf("id=\"patient-p-parent\"", StringComparison.Ordinal);
        var child = html.IndexOf("id=\"patient-p-child\"", StringComparison.Ordinal);
        Assert.True(parent >= 0, "The picker does not list the parent's own record.");
        Assert.True(child >= 0, "The picker does not list the child's record.");
        Assert.True(parent < child, "The picker lists the child before the parent.");
    }

    [Fact]
    public async Task Picker_Practitioner_SortsByFamilyName()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.SaveAsync(NamedPatient("p-a-zed", "Ann", "Zed"), NamedPatient("p-b-abbott", "Bob", "Abbott"));
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, AuthFixture.PractitionerUser);

        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);

        var abbott = html.IndexOf("Bob Abbott", StringComparison.Ordinal);
        var zed = html.IndexOf("Ann Zed", StringComparison.Ordinal);
        Assert.True(abbott >= 0, "The picker does not list Bob Abbott.");
        Assert.True(abbott < zed, "The picker lists Ann Zed before Bob Abbott.");
    }

    [Fact]
    public async Task Picker_Cancel_RedirectsAccessDenied()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, AuthFixture.PractitionerUser);
        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(picker)["session"],
        };

        using var cancelled = await fixture.Client.PostAsync("/auth/patient?handler=Cancel", new FormUrlEncodedContent(fields));
        var redirect = await fixture.FollowToAppAsync(cancelled.Headers.Location!.OriginalString);
        var query = AuthFixture.Query(redirect);

        Assert.Contains("formaction=\"/auth/patient?handler=Cancel\"", html);
        Assert.StartsWith(AuthFixture.RedirectUri, redirect.AbsoluteUri);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
        Assert.Contains("patient picker", query["error_description"]);
    }

    [Fact]
    public async Task Picker_AfterCancel_RejectsChoice()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await SignInAsync(fixture, AuthFixture.PractitionerUser);
        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(picker)["session"],
            ["patientId"] = AuthFixture.PatientId,
        };
        using (await fixture.Client.PostAsync("/auth/patient?handler=Cancel", new FormUrlEncodedContent(fields)))
        {
        }

        using var chosen = await fixture.Client.PostAsync(picker.PathAndQuery, new FormUrlEncodedContent(fields));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Contains("Request already answered", await chosen.Content.ReadAsStringAsync());
    }

    private static Patient NamedPatient(string id, string given, string family) =>
        new() { Id = id, Name = [new HumanName { Given = [given], Family = family }] };

    // Starts a standalone launch, signs in on the sign-in page and returns the picker's URL.
    private static async Task<Uri> SignInAsync(AuthFixture fixture, string username)
    {
        var authorize = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", Scope, Pkce.Create()));
        var login = new Uri(fixture.Server.BaseAddress, authorize.Headers.Location!);
        var loginHtml = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(loginHtml),
            ["session"] = AuthFixture.Query(login)["session"],
            ["username"] = username,
        };
        using var posted = await fixture.Client.PostAsync(login.PathAndQuery, new FormUrlEncodedContent(fields));
        using var next = await fixture.Client.GetAsync(posted.Headers.Location!.OriginalString);
        var picker = new Uri(fixture.Server.BaseAddress, next.Headers.Location!);
        Assert.Equal("/auth/patient", picker.AbsolutePath);
        return picker;
    }
}
