using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Tests;
using Sandbox.SeedData.Apps;
using Sandbox.SeedData.Personas;

namespace Sandbox.SeedData.Tests;

[Collection(SeededSandboxCollection.Name)]
public sealed class SeedAppLaunchTests(SeededSandbox sandbox)
{
    private const string UserScope = "launch openid fhirUser patient/*.rs";
    private const string ConfidentialRedirectUri = "http://localhost:8000/callback";

    private object EhrLaunch(SeedApp app) => new
    {
        clientId = app.ClientId,
        user = SeedPersonas.Physician.Username,
        patient = SeedPatients.MarcusJohnson,
        encounter = sandbox.FirstEncounterOf(SeedPatients.MarcusJohnson),
        skipLogin = true,
        skipConsent = true,
    };

    /// <summary>Runs an EHR launch up to the authorization code and returns the code.</summary>
    private async Task<string> LaunchForCodeAsync(SmartClient client, SeedApp app, string redirectUri, Pkce? pkce)
    {
        var launch = await client.CreateLaunchAsync(EhrLaunch(app));
        var authorize = client.AuthorizeUrl(app.ClientId, redirectUri, UserScope, pkce, launch["launchId"]!.GetValue<string>());
        var redirect = await client.FollowToAppAsync(authorize, redirectUri);
        return SmartClient.Query(redirect)["code"];
    }

    private async Task<JsonObject> LaunchSampleAppAsync(SmartClient client)
    {
        var pkce = Pkce.Create();
        var redirectUri = sandbox.SampleAppRedirectUri;
        var code = await LaunchForCodeAsync(client, SeedApps.SampleApp, redirectUri, pkce);
        var response = await client.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = SeedApps.SampleApp.ClientId,
            ["code_verifier"] = pkce.Verifier,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SmartClient.ReadJsonAsync(response);
    }

    private static Dictionary<string, string> CodeForm(string code, Pkce pkce) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = ConfidentialRedirectUri,
        ["code_verifier"] = pkce.Verifier,
    };

    private static async Task<string> AccessTokenOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await SmartClient.ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    [Fact]
    public async Task SampleApp_LaunchUrl_IsOnSandboxOrigin()
    {
        using var client = new SmartClient(sandbox.Server);

        var launch = await client.CreateLaunchAsync(EhrLaunch(SeedApps.SampleApp));

        var launchUrl = launch["launchUrl"]!.GetValue<string>();
        Assert.StartsWith(sandbox.SampleAppRedirectUri + "?iss=", launchUrl);
    }

    [Fact]
    public async Task SampleApp_EhrLaunch_ReturnsLaunchContext()
    {
        using var client = new SmartClient(sandbox.Server);

        var token = await LaunchSampleAppAsync(client);

        var idToken = SmartClient.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Equal(SeedPatients.MarcusJohnson, token["patient"]!.GetValue<string>());
        Assert.Equal(sandbox.FirstEncounterOf(SeedPatients.MarcusJohnson), token["encounter"]!.GetValue<string>());
        Assert.Equal($"{client.FhirBase}/{SeedPersonas.Physician.FhirUser}", idToken["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task SampleApp_Token_ReadsLaunchPatient()
    {
        using var client = new SmartClient(sandbox.Server);
        var token = await LaunchSampleAppAsync(client);

        var response = await client.GetFhirAsync($"Patient/{SeedPatients.MarcusJohnson}", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SampleApp_PatientToken_CannotReadOtherPatient()
    {
        using var client = new SmartClient(sandbox.Server);
        var token = await LaunchSampleAppAsync(client);

        var response = await client.GetFhirAsync($"Patient/{SeedPatients.AvaThompson}", token["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SampleApp_NoPkce_IsRejected()
    {
        using var client = new SmartClient(sandbox.Server);
        var launch = await client.CreateLaunchAsync(EhrLaunch(SeedApps.SampleApp));
        var authorize = client.AuthorizeUrl(
            SeedApps.SampleApp.ClientId, sandbox.SampleAppRedirectUri, UserScope, pkce: null, launch["launchId"]!.GetValue<string>());

        var response = await client.Http.GetAsync(authorize);

        // The redirect URI is registered, so the error goes back to the app as a redirect.
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(sandbox.SampleAppRedirectUri, location, StringComparison.Ordinal);
        Assert.Contains("error=invalid_request", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfidentialApp_ClientSecretBasic_ReadsPatient()
    {
        var app = SeedApps.ConfidentialApp;
        var secret = sandbox.CredentialOf(app).ClientSecret!;
        using var client = new SmartClient(sandbox.Server);
        var pkce = Pkce.Create();
        var code = await LaunchForCodeAsync(client, app, ConfidentialRedirectUri, pkce);

        var accessToken = await AccessTokenOfAsync(await client.PostTokenAsync(CodeForm(code, pkce), app.ClientId, secret));
        var response = await client.GetFhirAsync($"Patient/{SeedPatients.MarcusJohnson}", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConfidentialApp_WrongSecret_ReturnsInvalidClient()
    {
        var app = SeedApps.ConfidentialApp;
        using var client = new SmartClient(sandbox.Server);
        var pkce = Pkce.Create();
        var code = await LaunchForCodeAsync(client, app, ConfidentialRedirectUri, pkce);

        var response = await client.PostTokenAsync(CodeForm(code, pkce), app.ClientId, "not-the-secret");

        Assert.Equal("invalid_client", (await SmartClient.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfidentialApp_AdminApi_ShowsGeneratedSecret()
    {
        var app = SeedApps.ConfidentialApp;
        using var client = new SmartClient(sandbox.Server);

        var registered = await client.Http.GetFromJsonAsync<JsonObject>($"/api/apps/{app.ClientId}");

        Assert.Equal(sandbox.CredentialOf(app).ClientSecret, registered!["clientSecret"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsymmetricApp_PrivateKeyJwt_ReadsPatient()
    {
        var app = SeedApps.AsymmetricApp;
        var privateJwk = await File.ReadAllTextAsync(sandbox.CredentialOf(app).PrivateJwkPath!);
        using var client = new SmartClient(sandbox.Server);
        var pkce = Pkce.Create();
        var code = await LaunchForCodeAsync(client, app, ConfidentialRedirectUri, pkce);
        var form = CodeForm(code, pkce);
        form["client_assertion_type"] = SmartClient.ClientAssertionType;
        form["client_assertion"] = client.SignClientAssertion(app.ClientId, privateJwk);

        var accessToken = await AccessTokenOfAsync(await client.PostTokenAsync(form));
        var response = await client.GetFhirAsync($"Patient/{SeedPatients.MarcusJohnson}", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BackendService_ClientCredentials_ReadsAnyPatient()
    {
        var app = SeedApps.BackendService;
        var privateJwk = await File.ReadAllTextAsync(sandbox.CredentialOf(app).PrivateJwkPath!);
        using var client = new SmartClient(sandbox.Server);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = SmartClient.ClientAssertionType,
            ["client_assertion"] = client.SignClientAssertion(app.ClientId, privateJwk),
        };

        var accessToken = await AccessTokenOfAsync(await client.PostTokenAsync(form));
        var first = await client.GetFhirAsync($"Patient/{SeedPatients.MarcusJohnson}", accessToken);
        var second = await client.GetFhirAsync($"Patient/{SeedPatients.AvaThompson}", accessToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
