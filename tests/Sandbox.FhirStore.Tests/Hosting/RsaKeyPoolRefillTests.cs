using Sandbox.FhirStore.Hosting;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Hosting;

public sealed class RsaKeyPoolRefillTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("key-pool-").FullName;

    [Fact]
    public async Task Start_KeyTakenFromPool_RefillsPool()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            Settings = new Dictionary<string, string?> { ["Sandbox:KeyPoolFolder"] = _folder },
        });

        // The JWK Set needs the server's RSA key, which a new data folder takes from the pool.
        using var jwks = await server.Client.GetAsync("/.well-known/jwks.json");
        jwks.EnsureSuccessStatusCode();

        Assert.True(await WaitForKeysAsync(RsaKeyPool.Capacity), "The pool should be refilled after the start.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<bool> WaitForKeysAsync(int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (Directory.GetFiles(_folder, "rsa-*.pem").Length >= count)
                return true;

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return false;
    }
}
