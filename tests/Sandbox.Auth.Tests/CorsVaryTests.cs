using System.Net.Http.Json;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Every response of a path with a CORS policy carries <c>Vary: Origin</c> once, whatever the
/// request's <c>Origin</c>, so a shared cache never serves one origin's CORS headers to another.
/// </summary>
public sealed class CorsVaryTests
{
    private const string AllowedOrigin = "http://127.0.0.1:9";
    private const string UnknownOrigin = "http://evil.test";

    public static TheoryData<string, string> Requests => new()
    {
        { "POST", "/auth/token" },
        { "POST", "/auth/introspect" },
        { "POST", "/auth/revoke" },
        { "POST", "/auth/register" },
        { "GET", "/fhir/Patient" },
        { "GET", "/fhir/metadata" },
        { "GET", "/fhir/.well-known/smart-configuration" },
        { "GET", "/.well-known/openid-configuration" },
        { "GET", "/.well-known/jwks.json" },
    };

    private static async Task<HttpResponseMessage> SendAsync(AuthFixture fixture, string method, string path, string? origin)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = path == "/auth/register" ? JsonContent.Create(new { }) : new FormUrlEncodedContent([]);

        if (origin is not null)
            request.Headers.Add("Origin", origin);

        return await fixture.Client.SendAsync(request);
    }

    private static int CountVaryOrigin(HttpResponseMessage response) =>
        response.Headers.Vary.Count(name => string.Equals(name, "Origin", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task UnknownOrigin_GetsVaryOrigin(string method, string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        using var response = await SendAsync(fixture, method, path, UnknownOrigin);

        Assert.Equal(1, CountVaryOrigin(response));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NoOrigin_GetsVaryOrigin(string method, string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        using var response = await SendAsync(fixture, method, path, origin: null);

        Assert.Equal(1, CountVaryOrigin(response));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AllowedOrigin_GetsVaryOriginOnce(string method, string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        using var response = await SendAsync(fixture, method, path, AllowedOrigin);

        Assert.Equal(1, CountVaryOrigin(response));
    }

    [Fact]
    public async Task UnknownOriginPreflight_GetsVaryOrigin()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        using var request = new HttpRequestMessage(HttpMethod.Options, "/auth/token");
        request.Headers.Add("Origin", UnknownOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(1, CountVaryOrigin(response));
    }
}
