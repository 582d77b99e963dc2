using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Tests;
using Sandbox.SeedData.Apps;
using Sandbox.SeedData.Personas;

namespace Sandbox.SeedData.Tests;

[Collection(SeededSandboxCollection.Name)]
public sealed class SeedPersonaSignInTests(SeededSandbox sandbox)
{
    private static readonly string SampleAppId = SeedApps.SampleApp.ClientId;

    public static TheoryData<string> Usernames => [.. SeedPersonas.All.Select(persona => persona.Username)];

    private static SeedPersona PersonaNamed(string username) =>
        SeedPersonas.All.Single(persona => persona.Username == username);

    /// <summary>Runs a standalone launch of the sample app in which the persona signs in, and returns the token response.</summary>
    private async Task<JsonObject> SignInAndRedeemAsync(SmartClient client, SeedPersona persona, string scope)
    {
        var pkce = Pkce.Create();
        var redirectUri = sandbox.SampleAppRedirectUri;
        var login = await client.OpenLoginPageAsync(client.AuthorizeUrl(SampleAppId, redirectUri, scope, pkce));
        var signedIn = await client.SignInAsync(login, persona.Username, persona.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var redirect = await client.FollowToAppAsync(signedIn.Headers.Location!.OriginalString, redirectUri);
        var response = await client.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = SmartClient.Query(redirect)["code"],
            ["redirect_uri"] = redirectUri,
            ["client_id"] = SampleAppId,
            ["code_verifier"] = pkce.Verifier,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SmartClient.ReadJsonAsync(response);
    }

    [Theory]
    [MemberData(nameof(Usernames))]
    public async Task SignIn_SeedPersona_IssuesItsFhirUser(string username)
    {
        var persona = PersonaNamed(username);
        using var client = new SmartClient(sandbox.Server);

        var token = await SignInAndRedeemAsync(client, persona, "openid fhirUser");

        var idToken = SmartClient.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Equal($"{client.FhirBase}/{persona.FhirUser}", idToken["fhirUser"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Usernames))]
    public async Task SignIn_SeedPersona_FhirUserResourceExists(string username)
    {
        var persona = PersonaNamed(username);
        using var client = new SmartClient(sandbox.Server);
        var token = await SignInAndRedeemAsync(client, persona, "openid fhirUser user/*.rs");

        var response = await client.GetFhirAsync(persona.FhirUser, token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnLogin()
    {
        using var client = new SmartClient(sandbox.Server);
        var redirectUri = sandbox.SampleAppRedirectUri;
        var login = await client.OpenLoginPageAsync(client.AuthorizeUrl(SampleAppId, redirectUri, "openid fhirUser", Pkce.Create()));

        var response = await client.SignInAsync(login, SeedPersonas.Physician.Username, "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("wrong password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PatientPersona_OtherPatient_IsNotFound()
    {
        using var client = new SmartClient(sandbox.Server);
        var token = await SignInAndRedeemAsync(client, SeedPersonas.AvaPatient, "openid fhirUser launch/patient patient/*.rs");
        var accessToken = token["access_token"]!.GetValue<string>();

        var own = await client.GetFhirAsync($"Patient/{SeedPatients.AvaThompson}", accessToken);
        var other = await client.GetFhirAsync($"Patient/{SeedPatients.MarcusJohnson}", accessToken);

        Assert.Equal(SeedPatients.AvaThompson, token["patient"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task ListPersonas_AdminApi_ContainsEverySeedPersona()
    {
        using var client = new SmartClient(sandbox.Server);

        var personas = await client.Http.GetFromJsonAsync<JsonArray>("/api/personas");

        var usernames = personas!.Select(persona => persona!["username"]!.GetValue<string>()).ToHashSet();
        foreach (var persona in SeedPersonas.All)
            Assert.Contains(persona.Username, usernames);
    }
}
