using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class KeyStorageTests
{
    private static async Task<string> ReadKeyIdAsync(string dataFolder)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", DataFolder = dataFolder });
        using var client = server.CreateClient();
        var jwks = (await client.GetFromJsonAsync<JsonObject>("/.well-known/jwks.json"))!;
        return jwks["keys"]![0]!["kid"]!.GetValue<string>();
    }

    [Fact]
    public async Task SigningKey_Restart_IsReused()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-keys-").FullName;
        try
        {
            var first = await ReadKeyIdAsync(dataFolder);

            var second = await ReadKeyIdAsync(dataFolder);

            Assert.Equal(first, second);
            Assert.True(File.Exists(Path.Combine(dataFolder, "auth-signing-key.pem")));
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Theory]
    [InlineData("auth-signing-key.pem")]
    [InlineData("auth-encryption-key.txt")]
    [InlineData("auth-token-signing-key.txt")]
    public async Task KeyFile_NewDataFolder_OwnerOnly(string fileName)
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-keys-").FullName;
        try
        {
            await ReadKeyIdAsync(dataFolder);

            // Windows has no Unix file modes; the files there inherit the folder's access list.
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataFolder, fileName)));
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SigningKey_NewDataFolder_IsNew()
    {
        var firstFolder = Directory.CreateTempSubdirectory("sandbox-auth-keys-").FullName;
        var secondFolder = Directory.CreateTempSubdirectory("sandbox-auth-keys-").FullName;
        try
        {
            var first = await ReadKeyIdAsync(firstFolder);

            var second = await ReadKeyIdAsync(secondFolder);

            Assert.NotEqual(first, second);
        }
        finally
        {
            Directory.Delete(firstFolder, recursive: true);
            Directory.Delete(secondFolder, recursive: true);
        }
    }
}
