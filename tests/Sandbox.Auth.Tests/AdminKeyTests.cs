using System.Net;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class AdminKeyTests
{
    private const string Key = "test-admin-key";

    [Fact]
    public async Task Admin_LoopbackWithoutKey_IsOpen()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var client = server.CreateClient();

        var response = await client.GetAsync("api/apps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_ConfiguredKeyMissing_Returns401Problem()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();

        var response = await client.GetAsync("api/apps");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Admin_WrongKey_Returns403Problem()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", "wrong-key");

        var response = await client.GetAsync("api/apps");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Admin_KeyInHeader_IsAccepted()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });

        var response = await server.Client.GetAsync("api/apps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_KeyAsBearer_IsAccepted()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Key);

        var response = await client.GetAsync("api/apps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_RequiredKey_IsGeneratedIntoDataFolder()
    {
        var folder = Directory.CreateTempSubdirectory("sandbox-admin-").FullName;
        try
        {
            await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
            {
                Seed = "empty",
                DataFolder = folder,
                Settings = new Dictionary<string, string?> { ["Admin:RequireKey"] = "true" },
            });
            using var client = server.CreateClient();
            var withoutKey = await client.GetAsync("api/apps");
            var key = await File.ReadAllTextAsync(Path.Combine(folder, "admin-api-key"));
            client.DefaultRequestHeaders.Add("X-Admin-Key", key.Trim());

            var withKey = await client.GetAsync("api/apps");

            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Admin_KeyRequired_LeavesFhirDiscoveryOpen()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = Key });
        using var client = server.CreateClient();

        var response = await client.GetAsync("fhir/.well-known/smart-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
