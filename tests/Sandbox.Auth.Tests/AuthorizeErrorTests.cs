using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class AuthorizeErrorTests
{
    private static object Launch(string simulatedError = "None") => new
    {
        clientId = "app",
        user = AuthFixture.PractitionerUser,
        patient = AuthFixture.PatientId,
        skipLogin = true,
        skipConsent = true,
        simulatedError,
    };

    [Fact]
    public async Task Authorize_MissingState_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, state: ""));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_request", query["error"]);
        Assert.StartsWith("state is missing.", query["error_description"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_ShortState_JournalsWarning()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, state: "abc"));

        Assert.True(AuthFixture.Query(redirect).ContainsKey("code"));
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
        var warning = Assert.Single(events, entry => entry!["outcome"]!.GetValue<string>() == "Warning");
        Assert.Contains("state has 3 characters", warning!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_UuidState_JournalsNoWarning()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, state: Guid.NewGuid().ToString()));

        Assert.True(AuthFixture.Query(redirect).ContainsKey("code"));
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
        Assert.DoesNotContain(events, entry => entry!["outcome"]!.GetValue<string>() == "Warning");
    }

    [Fact]
    public async Task Authorize_WrongAud_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, aud: "http://127.0.0.1:9/other-fhir"));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    // A client that compares URLs as strings, as the SMART Health IT launcher does, rejects these too.
    [Theory]
    [InlineData("?x=1")]
    [InlineData("#a")]
    [InlineData("//")]
    public async Task Authorize_AudWithExtraParts_RedirectsInvalidRequest(string suffix)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, aud: fixture.FhirBase + suffix));

        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Authorize_AudPathInOtherCase_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());
        var aud = fixture.FhirBase[..^"fhir".Length] + "Fhir";

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, aud: aud));

        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Authorize_AudWithTrailingSlashAndUpperCaseScheme_IssuesCode()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());
        var aud = "HTTP" + fixture.FhirBase["http".Length..] + "/";

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, aud: aud));

        Assert.False(AuthFixture.Query(redirect).ContainsKey("error"));
        Assert.True(AuthFixture.Query(redirect).ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_MissingAud_SaysMissing()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch, aud: ""));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_request", query["error"]);
        Assert.StartsWith("aud is missing.", query["error_description"]);
    }

    [Fact]
    public async Task Authorize_UnknownLaunch_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), "no-such-launch"));

        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Authorize_LaunchScopeWithoutLaunch_RedirectsInvalidRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create()));

        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task LaunchScopeWithoutLaunch_NamesStandaloneScopes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create()));

        var description = AuthFixture.Query(redirect)["error_description"];
        Assert.StartsWith("The scope 'launch' requests an EHR launch, but the request carries no launch parameter.", description, StringComparison.Ordinal);
        Assert.Contains("request launch/patient (and launch/encounter) instead of launch", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PlainPkce_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());
        var pkce = Pkce.Create() with { Challenge = "plain-challenge-value-that-is-long-enough-1234567890" };

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch, method: "plain"));

        var query = AuthFixture.Query(redirect);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    [Fact]
    public async Task Authorize_PublicAppWithoutPkce_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch());
        var url = fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch)
            .Replace("code_challenge_method=", "ignored_method=")
            .Replace("code_challenge=", "ignored=");

        var redirect = await fixture.FollowToAppAsync(url);

        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync(new Dictionary<string, string?> { ["Auth:LooseClients"] = "Off" });
        await fixture.RegisterPublicAppAsync("app");
        var url = fixture.AuthorizeUrl("app", "patient/*.rs", Pkce.Create()).Replace("callback", "elsewhere");

        var response = await fixture.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_RejectPolicyAndUnknownScope_RedirectsInvalidScope()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app", scopePolicy: "Reject", scopes: ["launch", "patient/Observation.rs"]);
        var launch = await fixture.CreateLaunchAsync(Launch());

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/Condition.rs", Pkce.Create(), launch));

        Assert.Equal("invalid_scope", AuthFixture.Query(redirect)["error"]);
    }

    [Theory]
    [InlineData("AuthorizeInvalidClient", "invalid_client")]
    [InlineData("AuthorizeInvalidScope", "invalid_scope")]
    [InlineData("AuthorizeAccessDenied", "access_denied")]
    public async Task Authorize_SimulatedError_RedirectsWithError(string simulated, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch(simulated));

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch));

        var query = AuthFixture.Query(redirect);
        Assert.Equal(expected, query["error"]);
        Assert.Equal(AuthFixture.State, query["state"]);
    }

    [Fact]
    public async Task Authorize_SimulatedBadRedirect_ShowsErrorPage()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(Launch("AuthorizeInvalidRedirectUri"));

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create(), launch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Simulated error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_LooseMode_AcceptsUnknownClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var launch = await fixture.CreateLaunchAsync(new { user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });

        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("never-registered", "launch patient/*.rs", Pkce.Create(), launch));

        Assert.True(AuthFixture.Query(redirect).ContainsKey("code"));
    }
}
