using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.SeedData.Apps;
using Sandbox.Testing;

namespace Sandbox.SeedData.Tests;

/// <summary>Seed registration on sandboxes of their own: other seeds and restarts.</summary>
public sealed class SeedRegistrationTests
{
    private static async Task<HttpStatusCode> RequestBackendTokenAsync(SandboxServer server)
    {
        using var client = new SmartClient(server);
        var app = SeedApps.BackendService;
        var credential = server.Services.GetRequiredService<SeedAppCredentialStore>().LoadOrCreate(app);
        var response = await client.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = SmartClient.ClientAssertionType,
            ["client_assertion"] = client.SignClientAssertion(app.ClientId, await File.ReadAllTextAsync(credential.PrivateJwkPath!)),
        });
        return response.StatusCode;
    }

    // A port the operating system reports free now; another process could still take it.
    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> ReadSampleAppRedirectUriAsync(SandboxServer server)
    {
        using var client = new SmartClient(server);
        var app = await client.Http.GetFromJsonAsync<JsonObject>($"/api/apps/{SeedApps.SampleApp.ClientId}");
        return app!["redirectUris"]![0]!.GetValue<string>();
    }

    [Fact]
    public async Task Restart_KeptDataFolder_SeedAppsStillWork()
    {
        var folder = Directory.CreateTempSubdirectory("seed-restart-").FullName;
        try
        {
            var options = new SandboxServerOptions { DataFolder = folder };
            await (await SandboxServer.StartAsync(options)).DisposeAsync();

            await using var restarted = await SandboxServer.StartAsync(options);
            var status = await RequestBackendTokenAsync(restarted);

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_NewPort_SampleAppFollowsIt()
    {
        var folder = Directory.CreateTempSubdirectory("seed-restart-").FullName;
        try
        {
            var options = new SandboxServerOptions { DataFolder = folder };
            await (await SandboxServer.StartAsync(options)).DisposeAsync();

            await using var restarted = await SandboxServer.StartAsync(options);
            using var client = new SmartClient(restarted);
            var app = await client.Http.GetFromJsonAsync<JsonObject>($"/api/apps/{SeedApps.SampleApp.ClientId}");

            var expected = new Uri(restarted.BaseAddress, SeedApps.SampleAppPath).AbsoluteUri;
            Assert.Equal(expected, app!["redirectUris"]![0]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ConfiguredPort_SampleAppUsesIt()
    {
        var port = FreeLoopbackPort();
        var options = new SandboxServerOptions { Settings = new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port}" } };
        await using var server = await SandboxServer.StartAsync(options);

        var redirectUri = await ReadSampleAppRedirectUriAsync(server);

        Assert.Equal($"http://127.0.0.1:{port}{SeedApps.SampleAppPath}", redirectUri);
    }

    [Fact]
    public async Task Start_OtherBoundPort_SampleAppFollowsIt()
    {
        var configured = FreeLoopbackPort();
        var bound = FreeLoopbackPort();
        var options = new SandboxServerOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:{configured}",
                ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{bound}",
            },
        };
        await using var server = await SandboxServer.StartAsync(options);

        var redirectUri = await ReadSampleAppRedirectUriAsync(server);

        Assert.Equal($"http://127.0.0.1:{bound}{SeedApps.SampleAppPath}", redirectUri);
    }

    [Fact]
    public async Task Start_EmptySeed_AddsNoSeedPersona()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var client = new SmartClient(server);

        var personas = await client.Http.GetFromJsonAsync<JsonArray>("/api/personas");

        Assert.Empty(personas!);
    }

    [Fact]
    public async Task Start_EmptySeed_StillRegistersSeedApps()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });

        var status = await RequestBackendTokenAsync(server);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
