using System.Net;

namespace Sandbox.Auth.Tests;

/// <summary>
/// RFC 6749 section 5.2 treats unusable client credentials as a failed client authentication,
/// so a malformed HTTP Basic header gets 401 invalid_client with a Basic challenge.
/// </summary>
public sealed class BasicHeaderTests
{
    // The second value is base64 of "client-without-colon".
    [Theory]
    [InlineData("!!not-base64!!")]
    [InlineData("Y2xpZW50LXdpdGhvdXQtY29sb24=")]
    public async Task Token_MalformedBasicHeader_ReturnsInvalidClient(string encoded)
    {
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Basic {encoded}");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
