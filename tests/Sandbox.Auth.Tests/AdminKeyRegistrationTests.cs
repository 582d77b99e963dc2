using System.Net;
using System.Net.Http.Json;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class AdminKeyRegistrationTests
{
    private const string Key = "test-admin-key";

    private static object Metadata => new { client_name = "Tool", redirect_uris = new[] { AuthFixture.RedirectUri } };

    [Fact]
    public async Task Register_KeyRequiredWithoutKey_Returns401InvalidToken()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();

        var response = await client.PostAsJsonAsync("auth/register", Metadata);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_KeyAsBearer_Returns201()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Key);

        var response = await client.PostAsJsonAsync("auth/register", Metadata);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_LoopbackWithoutKey_Returns201()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var client = server.CreateClient();

        var response = await client.PostAsJsonAsync("auth/register", Metadata);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    public async Task Admin_LoopbackThroughProxy_Returns403(string header, string value)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(header, value);

        var apps = await client.GetAsync("api/apps");
        var register = await client.PostAsJsonAsync("auth/register", Metadata);

        Assert.Equal(HttpStatusCode.Forbidden, apps.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
    }
}
