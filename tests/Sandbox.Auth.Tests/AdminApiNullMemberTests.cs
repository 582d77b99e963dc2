using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// JSON null for a list or required member of an admin API body gets 400 ProblemDetails
/// naming the member, and nothing is stored.
/// </summary>
public sealed class AdminApiNullMemberTests
{
    private const string Redirects = "\"redirectUris\":[\"http://127.0.0.1:9/callback\"]";

    [Theory]
    [InlineData("/api/apps", "/api/apps/null-redirects", "{\"clientId\":\"null-redirects\",\"name\":\"x\",\"kind\":\"Public\",\"redirectUris\":null}", "redirectUris")]
    [InlineData("/api/apps", "/api/apps/null-redirect", "{\"clientId\":\"null-redirect\",\"name\":\"x\",\"kind\":\"Public\",\"redirectUris\":[null]}", "redirectUris")]
    [InlineData("/api/apps", "/api/apps/null-scopes", "{\"clientId\":\"null-scopes\",\"name\":\"x\",\"kind\":\"Public\"," + Redirects + ",\"scopes\":null}", "scopes")]
    [InlineData("/api/apps", "/api/apps/null-scope", "{\"clientId\":\"null-scope\",\"name\":\"x\",\"kind\":\"Public\"," + Redirects + ",\"scopes\":[null]}", "scopes")]
    [InlineData("/api/personas", "/api/personas/null-patients", "{\"username\":\"null-patients\",\"displayName\":\"x\",\"role\":\"Practitioner\",\"fhirUser\":\"Practitioner/x\",\"patientIds\":null}", "patientIds")]
    [InlineData("/api/personas", "/api/personas/null-fhir-user", "{\"username\":\"null-fhir-user\",\"displayName\":\"x\",\"role\":\"Practitioner\",\"fhirUser\":null}", "fhirUser")]
    [InlineData("/api/personas", "/api/personas/null-name", "{\"username\":\"null-name\",\"displayName\":null,\"role\":\"Practitioner\",\"fhirUser\":\"Practitioner/x\"}", "displayName")]
    public async Task Post_NullMember_Returns400NamingIt(string path, string storedPath, string body, string member)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await PostJsonAsync(fixture, HttpMethod.Post, path, body);

        await AssertProblemNamingAsync(response, member);
        var stored = await fixture.Client.GetAsync(storedPath);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task PutApp_NullRedirectUris_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var created = await PostJsonAsync(fixture, HttpMethod.Post, "/api/apps", "{\"clientId\":\"put-null\",\"name\":\"x\",\"kind\":\"Public\"," + Redirects + "}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var response = await PostJsonAsync(fixture, HttpMethod.Put, "/api/apps/put-null", "{\"name\":\"y\",\"kind\":\"Public\",\"redirectUris\":null}");

        await AssertProblemNamingAsync(response, "redirectUris");
        var app = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/apps/put-null");
        Assert.Equal("x", app!["name"]!.GetValue<string>());
        Assert.Single(app["redirectUris"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/apps", "/api/apps/int-kind", "{\"clientId\":\"int-kind\",\"name\":\"x\",\"kind\":0," + Redirects + "}")]
    [InlineData("/api/apps", "/api/apps/int-policy", "{\"clientId\":\"int-policy\",\"name\":\"x\",\"scopePolicy\":1," + Redirects + "}")]
    [InlineData("/api/personas", "/api/personas/int-role", "{\"username\":\"int-role\",\"displayName\":\"x\",\"role\":0,\"fhirUser\":\"Practitioner/x\"}")]
    public async Task Post_IntegerEnum_Returns400AndStoresNothing(string path, string storedPath, string body)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await PostJsonAsync(fixture, HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var stored = await fixture.Client.GetAsync(storedPath);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(AuthFixture fixture, HttpMethod method, string path, string body) =>
        fixture.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    private static async Task AssertProblemNamingAsync(HttpResponseMessage response, string member)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = problem!["detail"]?.GetValue<string>() ?? string.Empty;
        Assert.Contains(member, detail, StringComparison.Ordinal);
    }
}
