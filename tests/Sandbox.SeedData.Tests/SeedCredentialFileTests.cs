using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Hosting;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Tests;

[Collection(SeededSandboxCollection.Name)]
public sealed class SeedCredentialFileTests(SeededSandbox sandbox)
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private string PathOf(string fileName) =>
        sandbox.Server.Services.GetRequiredService<DataFolder>().GetFilePath(Path.Combine(SeedAppCredentialStore.FolderName, fileName));

    [Theory]
    [InlineData("sandbox-confidential-app.secret.txt")]
    [InlineData("sandbox-asymmetric-app.private.jwk.json")]
    [InlineData("sandbox-backend-service.private.jwk.json")]
    public async Task CredentialFile_StartsWithoutBom(string fileName)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(fileName));

        Assert.False(bytes.AsSpan().StartsWith(Utf8Bom), $"{fileName} starts with a UTF-8 byte order mark.");
    }

    [Fact]
    public async Task SecretFile_RawBytes_AuthenticateClient()
    {
        // Read the bytes as `cat` would, without the BOM detection of File.ReadAllText.
        var secret = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(PathOf("sandbox-confidential-app.secret.txt")));
        using var client = sandbox.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "not-a-token" }),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SeedApps.ConfidentialApp.ClientId}:{secret}"));
        request.Headers.Authorization = new("Basic", credentials);

        var response = await client.SendAsync(request);

        // The client authenticated when the refresh token, not the client, is what fails.
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
    }
}
