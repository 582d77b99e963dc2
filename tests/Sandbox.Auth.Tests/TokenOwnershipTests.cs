using System.Net;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class TokenOwnershipTests
{
    private static object Launch => new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true };

    private static async Task<string> AccessTokenAsync(AuthFixture fixture)
    {
        await fixture.RegisterPublicAppAsync("app");
        await fixture.RegisterPublicAppAsync("other");
        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/*.rs", Launch);
        return token["access_token"]!.GetValue<string>();
    }

    // OpenIddict lets only confidential clients introspect, so this flow uses two of them.
    private static async Task<(string AccessToken, string OtherSecret, string OwnSecret)> ConfidentialTokenAsync(AuthFixture fixture)
    {
        var own = await fixture.RegisterAppAsync(new { clientId = "app", name = "Own", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var other = await fixture.RegisterAppAsync(new { clientId = "other", name = "Other", kind = "ConfidentialSymmetric", redirectUris = new[] { AuthFixture.RedirectUri } });
        var ownSecret = own["clientSecret"]!.GetValue<string>();
        var launch = await fixture.CreateLaunchAsync(Launch);
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl("app", "launch patient/*.rs", pkce, launch));
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = AuthFixture.Query(redirect)["code"], ["redirect_uri"] = AuthFixture.RedirectUri, ["code_verifier"] = pkce.Verifier };
        var token = await AuthFixture.ReadJsonAsync(await fixture.PostTokenAsync(form, "app", ownSecret));
        return (token["access_token"]!.GetValue<string>(), other["clientSecret"]!.GetValue<string>(), ownSecret);
    }

    private static Task<HttpResponseMessage> IntrospectAsync(AuthFixture fixture, string token, string clientId, string secret) =>
        fixture.Client.PostAsync("/auth/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = clientId, ["client_secret"] = secret }));

    private static Task<HttpResponseMessage> PostAsync(AuthFixture fixture, string path, string token, string clientId) =>
        fixture.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = clientId }));

    [Fact]
    public async Task AccessToken_Aud_IsFhirBase()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var accessToken = await AccessTokenAsync(fixture);

        var payload = AuthFixture.ReadJwtPayload(accessToken);

        Assert.Equal(fixture.FhirBase, payload["aud"] is JsonArray array ? array[0]!.GetValue<string>() : payload["aud"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_OtherClientsAccessToken_KeepsTokenValid()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var accessToken = await AccessTokenAsync(fixture);

        await PostAsync(fixture, "/auth/revoke", accessToken, "other");
        var response = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_OwnAccessToken_FhirReturns401()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var accessToken = await AccessTokenAsync(fixture);

        await PostAsync(fixture, "/auth/revoke", accessToken, "app");
        var response = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Introspect_OtherClientsAccessToken_ReturnsInactive()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (accessToken, otherSecret, _) = await ConfidentialTokenAsync(fixture);

        var response = await IntrospectAsync(fixture, accessToken, "other", otherSecret);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Null(body["patient"]);
    }

    [Fact]
    public async Task Introspect_OwnAccessToken_ReturnsActive()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (accessToken, _, ownSecret) = await ConfidentialTokenAsync(fixture);

        var response = await IntrospectAsync(fixture, accessToken, "app", ownSecret);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.True(body["active"]!.GetValue<bool>());
    }
}
