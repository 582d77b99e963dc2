using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Apps_DuplicateClientId_Returns409Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", new { clientId = "app", name = "Again", redirectUris = new[] { AuthFixture.RedirectUri } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Apps_MissingRedirectUris_Returns400Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", new { name = "No redirect" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Launches_ReturnLaunchUrlWithIssAndLaunch()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await fixture.Client.PostAsJsonAsync("/api/launches", new { clientId = "app", patient = AuthFixture.PatientId });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var launchUrl = new Uri(body["launchUrl"]!.GetValue<string>());
        var query = AuthFixture.Query(launchUrl);
        Assert.Equal(fixture.FhirBase, query["iss"]);
        Assert.Equal(body["launchId"]!.GetValue<string>(), query["launch"]);
    }

    // SMART App Launch passes iss and launch as query parameters of the launch URL, so they go
    // before a fragment, which the browser never sends to the app's server.
    [Fact]
    public async Task Launches_LaunchUrlFragment_KeepsParametersInQuery()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new
        {
            clientId = "app",
            name = "Hash router app",
            kind = "Public",
            redirectUris = new[] { AuthFixture.RedirectUri },
            launchUrl = "http://127.0.0.1:9/?mode=ehr#/launch?step=1",
        });

        var response = await fixture.Client.PostAsJsonAsync("/api/launches", new { clientId = "app", patient = AuthFixture.PatientId });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var launchUrl = new Uri(body["launchUrl"]!.GetValue<string>());
        var query = AuthFixture.Query(launchUrl);
        Assert.Equal("#/launch?step=1", launchUrl.Fragment);
        Assert.Equal("ehr", query["mode"]);
        Assert.Equal(fixture.FhirBase, query["iss"]);
        Assert.Equal(body["launchId"]!.GetValue<string>(), query["launch"]);
    }

    [Fact]
    public async Task Launches_UnknownPersona_Returns400Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/launches", new { user = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LaunchEvents_RecordAudFailureReason()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, skipLogin = true });
        await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch", Pkce.Create(), launch, aud: "http://127.0.0.1:9/wrong"));

        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{launch}/events"))!;

        Assert.Contains(events, entry => entry!["outcome"]!.GetValue<string>() == "Failed" && entry["message"]!.GetValue<string>().Contains("aud"));
    }

    [Fact]
    public async Task Launches_Deleted_NoLongerAuthorizes()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, skipLogin = true });

        var deleted = await fixture.Client.DeleteAsync($"/api/launches/{launch}");
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch", Pkce.Create(), launch));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/launches/{launch}")).StatusCode);
        Assert.Equal("invalid_request", AuthFixture.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Launches_DeleteUnknown_Returns404Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.DeleteAsync("/api/launches/not-a-launch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Register_Rfc7591_ReturnsClientId()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/auth/register", new Dictionary<string, object>
        {
            ["client_name"] = "Self registered",
            ["redirect_uris"] = new[] { AuthFixture.RedirectUri },
            ["token_endpoint_auth_method"] = "client_secret_basic",
        });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(body["client_id"]);
        Assert.NotNull(body["client_secret"]);
    }

    // RFC 6749 section 5.1 forbids caching a response that contains credentials.
    [Fact]
    public async Task Register_ClientSecret_IsNotCached()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/auth/register", new Dictionary<string, object>
        {
            ["client_name"] = "Self registered",
            ["redirect_uris"] = new[] { AuthFixture.RedirectUri },
            ["token_endpoint_auth_method"] = "client_secret_post",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control has no no-store.");
        Assert.Contains("no-cache", response.Headers.Pragma.Select(value => value.ToString()));
    }

    // RFC 7591 section 3.2.1 returns the registered metadata, so members without a value are left out.
    [Fact]
    public async Task Register_PublicClient_OmitsMembersWithoutValue()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/auth/register", new Dictionary<string, object>
        {
            ["client_name"] = "Self registered",
            ["redirect_uris"] = new[] { AuthFixture.RedirectUri },
        });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("none", body["token_endpoint_auth_method"]!.GetValue<string>());
        Assert.DoesNotContain(body, member => member.Value is null);
        Assert.False(body.ContainsKey("client_secret"));
    }

    [Fact]
    public async Task Introspect_ActiveToken_ReturnsPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var secret = app["clientSecret"]!.GetValue<string>();
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = AuthFixture.Query(redirect)["code"], ["redirect_uri"] = AuthFixture.RedirectUri, ["code_verifier"] = pkce.Verifier };
        var token = await AuthFixture.ReadJsonAsync(await fixture.PostTokenAsync(form, "app", secret));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token["access_token"]!.GetValue<string>(), ["client_id"] = "app", ["client_secret"] = secret }),
        };

        var introspection = await AuthFixture.ReadJsonAsync(await fixture.Client.SendAsync(request));

        Assert.True(introspection["active"]!.GetValue<bool>());
        Assert.Equal(AuthFixture.PatientId, introspection["patient"]!.GetValue<string>());
    }
}
