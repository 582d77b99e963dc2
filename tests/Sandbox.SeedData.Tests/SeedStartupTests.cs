using Sandbox.FhirStore.Hosting;
using Sandbox.SeedData.Apps;
using Sandbox.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.SeedData.Tests;

public sealed class SeedStartupTests
{
    [Fact]
    public async Task StartAsync_Sandbox_CreatesAppCredentials()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default" });

        var folder = server.Services.GetRequiredService<DataFolder>().GetFilePath(SeedAppCredentialStore.FolderName);

        Assert.True(File.Exists(Path.Combine(folder, $"{SeedApps.ConfidentialApp.ClientId}.secret.txt")));
        Assert.True(File.Exists(Path.Combine(folder, $"{SeedApps.AsymmetricApp.ClientId}.public.jwks.json")));
        Assert.True(File.Exists(Path.Combine(folder, $"{SeedApps.BackendService.ClientId}.private.jwk.json")));
    }
}
