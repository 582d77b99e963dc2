using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class AdminApiErrorTests
{
    private const string ValidApp = "\"name\":\"App\",\"redirectUris\":[\"http://127.0.0.1:9/callback\"]";

    private static Task<HttpResponseMessage> SendAsync(AuthFixture fixture, HttpMethod method, string path, string body, string contentType = "application/json") =>
        fixture.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(string.IsNullOrEmpty(problem!["detail"]?.GetValue<string>()), "The problem has no detail.");
    }

    [Theory]
    [InlineData("/api/apps", "{\"kind\":7," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"kind\":\"Frob\"," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"name\":")]
    [InlineData("/api/apps", "[]")]
    [InlineData("/api/apps", "{\"accessTokenLifetimeSeconds\":9999999999," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"accessTokenLifetimeSeconds\":999999999," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"clientId\":\"a b/c\"," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"logoUrl\":\"javascript:alert(2)\"," + ValidApp + "}")]
    [InlineData("/api/apps", "{\"kind\":\"BackendService\",\"name\":\"B\",\"jwks\":{\"keys\":[{\"kty\":\"RSA\"}]}}")]
    [InlineData("/api/personas", "{\"username\":\"w\",\"displayName\":\"W\",\"role\":\"Wizard\",\"fhirUser\":\"Practitioner/pr-1\"}")]
    [InlineData("/api/launches", "{\"simulatedError\":\"Frob\"}")]
    [InlineData("/api/launches", "{\"fhirContext\":[\"x\"]}")]
    [InlineData("/api/launches", "{\"clientId\":\"\"}")]
    [InlineData("/api/launches", "{\"clientId\":\" \"}")]
    [InlineData("/api/launches/headless", "{\"clientId\":\"nope\"}")]
    public async Task Post_InvalidBody_Returns400Problem(string path, string body)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await SendAsync(fixture, HttpMethod.Post, path, body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    // Builds an app whose field has a value of the given length: letters for the name and the
    // client id, an https URL for the others.
    private static JsonObject AppWithFieldOfLength(string field, int length)
    {
        const string urlStart = "https://app.example/";
        var value = field is "name" or "clientId" ? new string('a', length) : urlStart + new string('a', length - urlStart.Length);
        var app = new JsonObject { ["name"] = "App", ["redirectUris"] = new JsonArray("http://127.0.0.1:9/callback") };
        if (field == "redirectUris")
            app[field] = new JsonArray(value);
        else
            app[field] = value;

        return app;
    }

    [Theory]
    [InlineData("name", 201)]
    [InlineData("clientId", 201)]
    [InlineData("logoUrl", 2001)]
    [InlineData("launchUrl", 2001)]
    [InlineData("redirectUris", 2001)]
    public async Task PostApp_FieldTooLong_Returns400(string field, int length)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", AppWithFieldOfLength(field, length));

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = problem!["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(field, detail);
        Assert.Contains("at most", detail);
        Assert.True(detail.Length < 200, $"The detail repeats the long value: {detail.Length} characters.");
    }

    [Theory]
    [InlineData("name", 200)]
    [InlineData("clientId", 200)]
    [InlineData("logoUrl", 2000)]
    [InlineData("redirectUris", 2000)]
    public async Task PostApp_FieldAtLimit_Returns201(string field, int length)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", AppWithFieldOfLength(field, length));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_LongClientName_InvalidMetadata()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = new string('a', 40_000),
            ["redirect_uris"] = new JsonArray("http://127.0.0.1:9/callback"),
        };

        var response = await fixture.Client.PostAsJsonAsync("/auth/register", metadata);

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client_metadata", body!["error"]!.GetValue<string>());
        Assert.StartsWith("client_name has 40000 characters", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_TextPlain_Returns415Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await SendAsync(fixture, HttpMethod.Post, "/api/apps", "{}", "text/plain");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Get_UnknownApiPath_Returns404Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync("/api/nope");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetLaunchEvents_UnknownLaunch_Returns404Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.GetAsync("/api/launches/no-such-launch/events");

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'no-such-launch'", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutApp_OtherClientIdInBody_Returns400Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var response = await SendAsync(fixture, HttpMethod.Put, "/api/apps/app", "{\"clientId\":\"other\",\"kind\":\"Public\"," + ValidApp + "}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostPersona_ExistingUsername_Returns409Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/personas", new { username = AuthFixture.PatientUser, displayName = "Again", role = "Patient", fhirUser = "Patient/p-2" });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PostPersona_WrongFhirUser_HasNoParameterTail()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/personas", new { username = "x", displayName = "X", role = "Patient", fhirUser = "Practitioner/pr-1" });

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.DoesNotContain("(Parameter", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_MalformedJson_ReturnsRfc7591Error()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await SendAsync(fixture, HttpMethod.Post, "/auth/register", "{\"client_name\":");

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client_metadata", body!["error"]!.GetValue<string>());
    }
}
