using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// An app registered with token_endpoint_auth_method client_secret_basic or client_secret_post
/// must send its secret that way (RFC 7591 section 2). The code in these requests is never
/// read, because the client is authenticated first.
/// </summary>
public sealed class ClientSecretMethodTests
{
    private static Dictionary<string, string> CodeForm() => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = "not-a-code",
        ["redirect_uri"] = AuthFixture.RedirectUri,
        ["code_verifier"] = Pkce.Create().Verifier,
    };

    private static async Task<string> AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        return body["error_description"]!.GetValue<string>();
    }

    [Fact]
    public async Task Token_BasicAppSecretInBody_ReturnsInvalidClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var registration = await fixture.Client.PostAsJsonAsync("/auth/register", new JsonObject
        {
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["token_endpoint_auth_method"] = "client_secret_basic",
        });
        var client = (await registration.Content.ReadFromJsonAsync<JsonObject>())!;
        var form = CodeForm();
        form["client_id"] = client["client_id"]!.GetValue<string>();
        form["client_secret"] = client["client_secret"]!.GetValue<string>();

        var response = await fixture.PostTokenAsync(form);

        var description = await AssertInvalidClientAsync(response);
        Assert.Contains("registered with token_endpoint_auth_method client_secret_basic", description);
    }

    [Fact]
    public async Task Token_PostAppSecretInBasicHeader_ReturnsInvalidClient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = await fixture.RegisterAppAsync(new
        {
            clientId = "app",
            name = "Post only",
            kind = "ConfidentialSymmetric",
            tokenEndpointAuthMethod = "client_secret_post",
            redirectUris = new[] { AuthFixture.RedirectUri },
        });

        var response = await fixture.PostTokenAsync(CodeForm(), "app", app["clientSecret"]!.GetValue<string>());

        var description = await AssertInvalidClientAsync(response);
        Assert.Contains("registered with token_endpoint_auth_method client_secret_post", description);
    }

    [Fact]
    public async Task AdminApi_MethodOfOtherKind_ReturnsBadRequest()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", new
        {
            clientId = "app",
            name = "Public",
            kind = "Public",
            tokenEndpointAuthMethod = "client_secret_basic",
            redirectUris = new[] { AuthFixture.RedirectUri },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AuthFixture.ReadJsonAsync(response);
        Assert.Contains("tokenEndpointAuthMethod 'client_secret_basic'", problem["detail"]!.GetValue<string>());
    }
}
