using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class CrossSiteAdminTests
{
    private const string Persona = "{\"username\":\"x-site\",\"displayName\":\"X\",\"role\":\"Practitioner\",\"fhirUser\":\"Practitioner/pr-1\"}";

    private static HttpRequestMessage Post(string path, string body, string contentType, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new(contentType);
        if (origin is not null)
            request.Headers.Add("Origin", origin);

        return request;
    }

    [Fact]
    public async Task AdminPost_ForeignOrigin_Returns403Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.SendAsync(Post("/api/personas", Persona, "application/json", "http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AdminPost_ForeignOrigin_ChangesNothing()
    {
        await using var fixture = await AuthFixture.StartAsync();

        await fixture.Client.SendAsync(Post("/api/personas", Persona, "application/json", "http://evil.example"));
        var read = await fixture.Client.GetAsync("/api/personas/x-site");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data")]
    public async Task Reset_FormContentTypeWithoutBody_Returns415Problem(string contentType)
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.SendAsync(Post("/api/reset", string.Empty, contentType, origin: null));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Reset_BodyWithoutContentType_Returns415Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reset") { Content = new ByteArrayContent("{}"u8.ToArray()) };

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Reset_NoBody_IsAccepted()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsync("/api/reset", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminPost_OwnOrigin_IsAccepted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var origin = fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

        var response = await fixture.Client.SendAsync(Post("/api/personas", Persona, "application/json", origin));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_ForeignOrigin_ReturnsOAuthError()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = "{\"client_name\":\"X\",\"redirect_uris\":[\"http://127.0.0.1:9/callback\"]}";

        var response = await fixture.Client.SendAsync(Post("/auth/register", metadata, "application/json", "null"));
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid_request", error!["error"]!.GetValue<string>());
    }
}
