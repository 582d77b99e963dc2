using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class MoreFlowTests
{
    private static async Task<HttpResponseMessage> SubmitAsync(AuthFixture fixture, string pageUrl, Dictionary<string, string> fields)
    {
        var page = new Uri(fixture.Server.BaseAddress, pageUrl);
        var html = await fixture.Client.GetStringAsync(page.PathAndQuery);
        fields["__RequestVerificationToken"] = HtmlForms.AntiforgeryToken(html);
        fields["session"] = AuthFixture.Query(page)["session"];
        return await fixture.Client.PostAsync(page.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Standalone_Practitioner_PicksPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var pkce = Pkce.Create();
        var login = await fixture.Client.GetAsync(fixture.AuthorizeUrl("app", "launch/patient patient/*.rs", pkce));
        var afterLogin = await SubmitAsync(fixture, login.Headers.Location!.OriginalString, new() { ["username"] = AuthFixture.PractitionerUser });
        var picker = await fixture.Client.GetAsync(afterLogin.Headers.Location!.OriginalString);

        var afterPick = await SubmitAsync(fixture, picker.Headers.Location!.OriginalString, new() { ["patientId"] = "p-42" });
        var redirect = await fixture.FollowToAppAsync(afterPick.Headers.Location!.OriginalString);
        var token = (await (await fixture.RedeemCodeAsync("app", AuthFixture.Query(redirect)["code"], pkce)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.StartsWith("/auth/patient", picker.Headers.Location!.OriginalString);
        Assert.Equal("p-42", token["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_OnlineAccess_IssuesRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch online_access patient/*.rs",
            new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });

        Assert.NotNull(token["refresh_token"]);
    }

    [Fact]
    public async Task Token_WithoutOfflineOrOnline_IssuesNoRefreshToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs",
            new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });

        Assert.Null(token["refresh_token"]);
    }

    [Fact]
    public async Task Revoke_RefreshToken_StopsRefresh()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch offline_access patient/*.rs",
            new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var refreshToken = token["refresh_token"]!.GetValue<string>();

        var revoke = await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken, ["client_id"] = "app" }));
        var refresh = await fixture.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "app" });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task Revoke_AccessToken_FhirReturns401()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs",
            new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var accessToken = token["access_token"]!.GetValue<string>();

        await fixture.Client.PostAsync("/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = accessToken, ["client_id"] = "app" }));
        var response = await fixture.GetFhirAsync("Patient/p-1", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsAdminApi()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        Assert.NotNull(document["paths"]!["/api/apps"]);
        Assert.NotNull(document["paths"]!["/api/launches"]);
    }

    [Fact]
    public async Task TokenEvents_RecordReplayedCode()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        var code = AuthFixture.Query(redirect)["code"];
        await fixture.RedeemCodeAsync("app", code, pkce);
        await fixture.RedeemCodeAsync("app", code, pkce);

        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>("/api/apps/app/events"))!;

        Assert.Contains(events, entry => entry!["step"]!.GetValue<string>() == "token" && entry["message"]!.GetValue<string>().StartsWith("invalid_grant"));
    }
}
