using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

public sealed class HostNameCheckTests
{
    private const string ForeignHost = "attacker.example";

    private static Task<SandboxServer> StartAsync(Dictionary<string, string?>? settings = null) =>
        SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", Settings = settings ?? [] });

    private static async Task<HttpResponseMessage> GetWithHostAsync(SandboxServer server, string path, string host, string? forwardedHost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"{host}:{server.BaseAddress.Port}";
        if (forwardedHost is not null)
            request.Headers.Add("X-Forwarded-Host", forwardedHost);

        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Api_ForeignHost_Returns400Problem()
    {
        await using var server = await StartAsync();

        var response = await GetWithHostAsync(server, "api/apps", ForeignHost);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Fhir_ForeignHost_Returns400OperationOutcome()
    {
        await using var server = await StartAsync();

        var response = await GetWithHostAsync(server, "fhir/.well-known/smart-configuration", ForeignHost);
        var outcome = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("OperationOutcome", outcome!["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fhir_ForeignHost_CarriesCallerTraceId()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/metadata");
        request.Headers.Host = $"{ForeignHost}:{server.BaseAddress.Port}";
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await server.Client.SendAsync(request);
        var outcome = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var diagnostics = outcome!["issue"]![0]!["diagnostics"]!.GetValue<string>();
        Assert.EndsWith($"(trace id {traceId})", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenIdDiscovery_ForeignHost_Returns400OAuthError()
    {
        await using var server = await StartAsync();

        var response = await GetWithHostAsync(server, ".well-known/openid-configuration", ForeignHost);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", error!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Page_ForeignHost_Returns400PlainText()
    {
        await using var server = await StartAsync();

        var response = await GetWithHostAsync(server, "/", ForeignHost);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("fhir/metadata")]
    [InlineData(".well-known/openid-configuration")]
    public async Task CorsPath_ForeignHost_VariesByOrigin(string path)
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"{ForeignHost}:{server.BaseAddress.Port}";
        request.Headers.Add("Origin", $"http://{ForeignHost}");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("app.localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Api_LoopbackHost_IsAccepted(string host)
    {
        await using var server = await StartAsync();

        var response = await GetWithHostAsync(server, "api/apps", host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_ConfiguredHost_IsAccepted()
    {
        await using var server = await StartAsync(new() { ["Sandbox:AllowedHosts:0"] = "sandbox.test" });

        var response = await GetWithHostAsync(server, "api/apps", "sandbox.test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_ConfiguredSubdomainWildcard_AcceptsSubdomain()
    {
        await using var server = await StartAsync(new() { ["Sandbox:AllowedHosts:0"] = "*.sandbox.test" });

        var sub = await GetWithHostAsync(server, "api/apps", "a.sandbox.test");
        var other = await GetWithHostAsync(server, "api/apps", "sandbox.test.evil");

        Assert.Equal(HttpStatusCode.OK, sub.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task Discovery_ProxyEnabled_UsesForwardedHost()
    {
        await using var server = await StartAsync(new() { ["Sandbox:Proxy:Enabled"] = "true" });

        var response = await GetWithHostAsync(server, "fhir/.well-known/smart-configuration", "127.0.0.1", forwardedHost: "sandbox.example.org");
        var configuration = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("http://sandbox.example.org/", configuration!["authorization_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_ProxyWithAllowedHosts_RejectsOtherForwardedHost()
    {
        await using var server = await StartAsync(new()
        {
            ["Sandbox:Proxy:Enabled"] = "true",
            ["Sandbox:AllowedHosts:0"] = "sandbox.example.org",
        });

        var response = await GetWithHostAsync(server, "fhir/.well-known/smart-configuration", "127.0.0.1", forwardedHost: ForeignHost);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StartUp_InvalidAllowedHost_Fails()
    {
        var start = StartAsync(new() { ["Sandbox:AllowedHosts:0"] = "http://sandbox.test:80" });

        var exception = await Record.ExceptionAsync(() => start);

        Assert.Contains("Sandbox:AllowedHosts", exception?.Message);
    }
}
