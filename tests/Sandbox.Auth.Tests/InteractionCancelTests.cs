using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>The Cancel button of the sign-in page at <c>/auth/login</c> and the encounter picker at <c>/auth/encounter</c>.</summary>
public sealed class InteractionCancelTests
{
    private const string EncounterScope = "launch/patient launch/encounter patient/*.rs";

    [Fact]
    public async Task Login_Cancel_RedirectsAccessDenied()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await OpenLoginAsync(fixture);
        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);

        using var cancelled = await PostCancelAsync(fixture, login, HtmlForms.AntiforgeryToken(html));
        var redirect = await fixture.FollowToAppAsync(cancelled.Headers.Location!.OriginalString);
        var query = AuthFixture.Query(redirect);

        Assert.Contains("formaction=\"/auth/login?handler=Cancel\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(AuthFixture.RedirectUri, redirect.AbsoluteUri);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
        Assert.Contains("sign-in page", query["error_description"]);
        Assert.False(query.ContainsKey("code"), "The redirect after Cancel carries an authorization code.");
    }

    [Fact]
    public async Task Login_AfterCancel_RejectsSignIn()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await OpenLoginAsync(fixture);
        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var token = HtmlForms.AntiforgeryToken(html);
        using (await PostCancelAsync(fixture, login, token))
        {
        }

        using var signedIn = await fixture.Client.PostAsync(login.PathAndQuery, Form(login, token, ("username", AuthFixture.PractitionerUser)));

        Assert.Equal(HttpStatusCode.BadRequest, signedIn.StatusCode);
        Assert.Contains("Request already answered", await signedIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_CancelWithoutAntiforgery_ChangesNothing()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await OpenLoginAsync(fixture);

        using var cancelled = await fixture.Client.PostAsync("/auth/login?handler=Cancel", Form(login, token: null));
        using var page = await fixture.Client.GetAsync(login.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Login_GetCancelHandler_ChangesNothing()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var login = await OpenLoginAsync(fixture);
        var session = Uri.EscapeDataString(AuthFixture.Query(login)["session"]);

        using (await fixture.Client.GetAsync($"/auth/login?handler=Cancel&session={session}"))
        {
        }

        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var token = HtmlForms.AntiforgeryToken(html);
        using var signedIn = await fixture.Client.PostAsync(login.PathAndQuery, Form(login, token, ("username", AuthFixture.PractitionerUser)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task EncounterPicker_Cancel_RedirectsAccessDenied()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await OpenEncounterPickerAsync(fixture);
        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);

        using var cancelled = await PostCancelAsync(fixture, picker, HtmlForms.AntiforgeryToken(html));
        var redirect = await fixture.FollowToAppAsync(cancelled.Headers.Location!.OriginalString);
        var query = AuthFixture.Query(redirect);

        Assert.Contains("formaction=\"/auth/encounter?handler=Cancel\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(AuthFixture.RedirectUri, redirect.AbsoluteUri);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
        Assert.Contains("encounter picker", query["error_description"]);
        Assert.False(query.ContainsKey("code"), "The redirect after Cancel carries an authorization code.");
    }

    [Fact]
    public async Task EncounterPicker_AfterCancel_RejectsChoice()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var picker = await OpenEncounterPickerAsync(fixture);
        var html = await fixture.Client.GetStringAsync(picker.PathAndQuery);
        var token = HtmlForms.AntiforgeryToken(html);
        using (await PostCancelAsync(fixture, picker, token))
        {
        }

        using var chosen = await fixture.Client.PostAsync(picker.PathAndQuery, Form(picker, token, ("encounterId", "e-1")));

        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Contains("Request already answered", await chosen.Content.ReadAsStringAsync());
    }

    // Starts a standalone launch and returns the sign-in page's URL.
    private static async Task<Uri> OpenLoginAsync(AuthFixture fixture, string scope = "launch/patient patient/*.rs")
    {
        using var authorize = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", scope, Pkce.Create()));
        var login = new Uri(fixture.Server.BaseAddress, authorize.Headers.Location!.OriginalString);
        Assert.Equal("/auth/login", login.AbsolutePath);
        return login;
    }

    // Signs in as the patient persona, whose only patient is chosen without a patient picker.
    private static async Task<Uri> OpenEncounterPickerAsync(AuthFixture fixture)
    {
        var login = await OpenLoginAsync(fixture, EncounterScope);
        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var form = Form(login, HtmlForms.AntiforgeryToken(html), ("username", AuthFixture.PatientUser));
        using var signedIn = await fixture.Client.PostAsync(login.PathAndQuery, form);
        using var next = await fixture.Client.GetAsync(signedIn.Headers.Location!.OriginalString);
        var picker = new Uri(fixture.Server.BaseAddress, next.Headers.Location!.OriginalString);
        Assert.Equal("/auth/encounter", picker.AbsolutePath);
        return picker;
    }

    private static Task<HttpResponseMessage> PostCancelAsync(AuthFixture fixture, Uri page, string token) =>
        fixture.Client.PostAsync($"{page.AbsolutePath}?handler=Cancel", Form(page, token));

    private static FormUrlEncodedContent Form(Uri page, string? token, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["session"] = AuthFixture.Query(page)["session"] };
        if (token is not null)
            values[HtmlForms.AntiforgeryField] = token;

        foreach (var (name, value) in fields)
            values[name] = value;

        return new FormUrlEncodedContent(values);
    }
}
