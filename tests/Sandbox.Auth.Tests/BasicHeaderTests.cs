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

    // A header of the scheme name alone carries no credentials at all.
    [Theory]
    [InlineData("/auth/token")]
    [InlineData("/auth/introspect")]
    [InlineData("/auth/revoke")]
    public async Task Endpoint_BareBasicHeader_ReturnsInvalidClient(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["token"] = "not-a-token",
            }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic");

        var response = await fixture.Client.SendAsync(request);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("Basic credentials", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    // base64 of ":" and of ":secret": a colon but no client id before it.
    [Theory]
    [InlineData("/auth/token", "Og==")]
    [InlineData("/auth/introspect", "OnNlY3JldA==")]
    [InlineData("/auth/revoke", "OnNlY3JldA==")]
    public async Task Endpoint_EmptyBasicClientId_ReturnsInvalidClient(string path, string encoded)
    {
        await using var fixture = await AuthFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["token"] = "not-a-token",
            }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Basic {encoded}");

        var response = await fixture.Client.SendAsync(request);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("Basic credentials", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // RFC 7617 section 2 requires a realm in every Basic challenge.
    [Theory]
    [InlineData("/auth/token")]
    [InlineData("/auth/introspect")]
    [InlineData("/auth/revoke")]
    public async Task Endpoint_WrongSecret_ChallengeHasRealm(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "app", name = "Confidential", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["token"] = "not-a-token",
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("app:wrong-secret"u8.ToArray()));

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Basic", challenge.Scheme);
        Assert.StartsWith("realm=\"", challenge.Parameter, StringComparison.Ordinal);
    }
}
