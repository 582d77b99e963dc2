using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Headless;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>The launch journals the inspector lists: every kind of launch, each with its own timeline.</summary>
public sealed class LaunchJournalTests
{
    private const string StandaloneScope = "launch/patient openid fhirUser patient/Observation.rs";

    [Fact]
    public async Task ApiLaunch_IsListedWithTimeline()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);

        var trace = await FindTraceAsync(fixture, launch);
        var steps = await StepsAsync(fixture, launch);

        Assert.Equal("Api", trace["kind"]!.GetValue<string>());
        Assert.Equal("app", trace["clientId"]!.GetValue<string>());
        Assert.Equal(AuthFixture.PatientId, trace["patient"]!.GetValue<string>());
        Assert.Equal(["launch", "authorize", "token", "token-response"], steps.Distinct());
    }

    [Fact]
    public async Task TokenResponse_IsJournaledWithDecodedClaims()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch openid fhirUser patient/*.rs", pkce, launch));
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
        var message = events.Single(entry => entry!["step"]!.GetValue<string>() == "token-response")!["message"]!.GetValue<string>();

        Assert.Contains($"patient {AuthFixture.PatientId}", message);
        Assert.Contains("Access token header {", message);
        Assert.Contains("ID token header {", message);
        Assert.Contains($"\"patient\":\"{AuthFixture.PatientId}\"", message);
        Assert.DoesNotContain(token["access_token"]!.GetValue<string>().Split('.')[2], message);
    }

    [Fact]
    public async Task RevokedToken_FhirRequest_Journals401()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        using var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        var accessToken = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var revoke = await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = accessToken, ["client_id"] = "app" }));

        var read = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
        var fhir = events.Last(entry => entry!["step"]!.GetValue<string>() == "fhir")!;
        Assert.Equal("Failed", fhir["outcome"]!.GetValue<string>());
        Assert.Contains("returned 401: The access token is invalid, expired or revoked.", fhir["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiredToken_FhirRequest_NamesExpiry()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new
        {
            clientId = "short-app",
            name = "Short-lived tokens",
            kind = "Public",
            redirectUris = new[] { AuthFixture.RedirectUri },
            launchUrl = "http://127.0.0.1:9/launch",
            accessTokenLifetimeSeconds = 1,
        });
        var launch = await fixture.CreateLaunchAsync(new { clientId = "short-app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var token = await fixture.RedeemLaunchAsync("short-app", "launch patient/*.rs", launch);
        var accessToken = token["access_token"]!.GetValue<string>();
        var expiry = AuthFixture.ReadJwtPayload(accessToken)["exp"]!.GetValue<long>();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var read = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        var expected = DateTimeOffset.FromUnixTimeSeconds(expiry).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"The access token expired at {expected}.", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlessLaunch_IsListedWithTimeline()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        await fixture.Server.HeadlessLaunchAsync(new HeadlessLaunchRequest { ClientId = "app", Scope = "launch patient/*.rs", User = AuthFixture.PractitionerUser, Patient = AuthFixture.PatientId });

        var traces = await ListAsync(fixture);
        var trace = Assert.Single(traces, item => item!["kind"]!.GetValue<string>() == "Headless");
        var steps = await StepsAsync(fixture, trace!["key"]!.GetValue<string>());
        Assert.Contains("launch", steps);
        Assert.Contains("token", steps);
    }

    [Fact]
    public async Task StandaloneLaunch_HasOwnTimeline()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await RunStandaloneAsync(fixture);
        var read = await fixture.GetFhirAsync($"Observation?patient={AuthFixture.PatientId}", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var trace = Assert.Single(await ListAsync(fixture), item => item!["kind"]!.GetValue<string>() == "Standalone");
        var key = trace!["key"]!.GetValue<string>();
        Assert.StartsWith("standalone-", key);
        Assert.Equal(AuthFixture.PatientUser, trace["user"]!.GetValue<string>());
        Assert.Equal(AuthFixture.PatientId, trace["patient"]!.GetValue<string>());
        Assert.Equal(["authorize", "token", "token-response", "fhir"], (await StepsAsync(fixture, key)).Distinct());
    }

    [Fact]
    public async Task TwoStandaloneLaunches_GetSeparateJournals()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        await RunStandaloneAsync(fixture);
        await RunStandaloneAsync(fixture);

        var standalone = (await ListAsync(fixture)).Where(item => item!["kind"]!.GetValue<string>() == "Standalone").ToList();
        Assert.Equal(2, standalone.Count);
        Assert.All(standalone, trace => Assert.Null(trace!["firstFailure"]));
    }

    [Fact]
    public async Task StandaloneFailure_RecordsReasonInPlainWords()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var trace = Assert.Single(await ListAsync(fixture), item => item!["kind"]!.GetValue<string>() == "Standalone");
        var failure = trace!["firstFailure"]!["message"]!.GetValue<string>();
        Assert.Contains("the request carries no launch parameter", failure);
    }

    [Fact]
    public async Task StandaloneFailure_IsRecordedOnce()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", Pkce.Create()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var traces = await ListAsync(fixture);
        Assert.DoesNotContain(traces, item => item!["key"]!.GetValue<string>() == "client:app");
        var key = Assert.Single(traces, item => item!["kind"]!.GetValue<string>() == "Standalone")!["key"]!.GetValue<string>();
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{key}/events"))!;
        Assert.Single(events, entry => entry!["outcome"]!.GetValue<string>() == "Failed");
    }

    [Fact]
    public async Task PatientScopedBinary404_NamesBinaryRule()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await fixture.SaveAsync(new Hl7.Fhir.Model.Binary
        {
            Id = "bin-1",
            ContentType = "text/plain",
            Data = "note"u8.ToArray(),
            SecurityContext = new Hl7.Fhir.Model.ResourceReference("Practitioner/pr-1"),
        });
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var token = await fixture.RedeemLaunchAsync("app", "launch patient/*.rs", launch);

        var read = await fixture.GetFhirAsync("Binary/bin-1", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{launch}/events"))!;
        var fhir = Assert.Single(events, entry => entry!["step"]!.GetValue<string>() == "fhir");
        var message = fhir!["message"]!.GetValue<string>();
        Assert.StartsWith("GET /fhir/Binary/bin-1 returned 404: ", message, StringComparison.Ordinal);
        Assert.Contains("patient/ scopes reach a Binary only when its securityContext is Patient/{id} of the patient in context", message, StringComparison.Ordinal);
        Assert.Contains("user/Binary.rs", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FhirForbidden_RecordsScopeReason()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/Observation.rs", pkce, launch));
        var token = await AuthFixture.ReadJsonAsync(await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce));

        var read = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{launch}/events"))!;
        var fhir = Assert.Single(events, entry => entry!["step"]!.GetValue<string>() == "fhir");
        Assert.Equal("Failed", fhir!["outcome"]!.GetValue<string>());
        Assert.Contains($"GET /fhir/Patient/{AuthFixture.PatientId} returned 403: ", fhir["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongCodeVerifier_IsRecordedInLaunch()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));

        var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], Pkce.Create());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
        var failure = Assert.Single(events, entry => entry!["outcome"]!.GetValue<string>() == "Failed");
        Assert.Equal("token", failure!["step"]!.GetValue<string>());
        Assert.Contains("code_verifier", failure["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnreadableCodeFailure_NamesClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.RedeemCodeAsync("app", "not-a-code", Pkce.Create());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var trace = await FindTraceAsync(fixture, "client:app");
        Assert.Equal("app", trace["clientId"]?.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentialsFailure_IsListedUnderClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await fixture.Client.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "app" }));

        var traces = await ListAsync(fixture);

        Assert.DoesNotContain(traces, item => item!["kind"]!.GetValue<string>() == "Standalone");
        Assert.Contains(traces, item => item!["key"]!.GetValue<string>() == "client:app");
    }

    private static async Task<JsonObject> RunStandaloneAsync(AuthFixture fixture)
    {
        var pkce = Pkce.Create();
        var started = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", StandaloneScope, pkce));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var login = new Uri(fixture.Server.BaseAddress, started.Headers.Location!);
        var html = await fixture.Client.GetStringAsync(login.PathAndQuery);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html),
            ["session"] = AuthFixture.Query(login)["session"],
            ["username"] = AuthFixture.PatientUser,
        };
        var posted = await fixture.Client.PostAsync(login.PathAndQuery, new FormUrlEncodedContent(fields));
        var redirect = await fixture.FollowToAppAsync(posted.Headers.Location!.OriginalString);
        var response = await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthFixture.ReadJsonAsync(response);
    }

    private static async Task<JsonArray> ListAsync(AuthFixture fixture) =>
        (await fixture.Client.GetFromJsonAsync<JsonArray>("/api/launches"))!;

    private static async Task<JsonObject> FindTraceAsync(AuthFixture fixture, string key) =>
        (await ListAsync(fixture)).Single(item => item!["key"]!.GetValue<string>() == key)!.AsObject();

    private static async Task<List<string>> StepsAsync(AuthFixture fixture, string key)
    {
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(key)}/events"))!;
        return events.Select(entry => entry!["step"]!.GetValue<string>()).ToList();
    }
}
