using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A running sandbox with a test persona and helpers that act like a SMART app over real
/// HTTP: redirects are not followed, so each step of the protocol can be asserted.
/// </summary>
internal sealed class AuthFixture : IAsyncDisposable
{
    public const string RedirectUri = "http://127.0.0.1:9/callback";
    public const string PatientId = "p-1";
    public const string PractitionerUser = "dr-test";
    public const string PatientUser = "pat-test";

    // Long enough for the 122 bits of entropy SMART requires, so the journal has no warning on it.
    public const string State = "st-1-5c0e9a7d2b4f4e18a3";

    private AuthFixture(SandboxServer server, HttpClient client)
    {
        Server = server;
        Client = client;
    }

    public SandboxServer Server { get; }

    public HttpClient Client { get; }

    public string FhirBase => Server.FhirBase.AbsoluteUri.TrimEnd('/');

    public string TokenUrl => new Uri(Server.BaseAddress, "auth/token").AbsoluteUri;

    /// <summary>Starts a sandbox; with <paramref name="dataFolder"/>, on that folder, which is kept.</summary>
    public static async Task<AuthFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        var server = await SandboxServer.StartAsync(new SandboxServerOptions
        {
            Seed = "empty",
            Settings = settings ?? new Dictionary<string, string?>(),
            DataFolder = dataFolder,
        });
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        await StoreReferencedResourcesAsync(server);
        var fixture = new AuthFixture(server, server.CreateClient(handler));
        await fixture.AddPersonaAsync(new { username = PractitionerUser, displayName = "Dr Test", role = "Practitioner", fhirUser = "Practitioner/pr-1" });
        await fixture.AddPersonaAsync(new { username = PatientUser, displayName = "Pat Test", role = "Patient", fhirUser = $"Patient/{PatientId}" });
        return fixture;
    }

    // Launch creation checks that its patient, encounter and user exist, so the ids the tests
    // name are written into the real store of the otherwise empty sandbox.
    private static async Task StoreReferencedResourcesAsync(SandboxServer server)
    {
        Hl7.Fhir.Model.Resource[] resources =
        [
            new Hl7.Fhir.Model.Patient { Id = PatientId },
            new Hl7.Fhir.Model.Patient { Id = "p-2" },
            new Hl7.Fhir.Model.Patient { Id = "p-42" },
            new Hl7.Fhir.Model.Practitioner { Id = "pr-1" },
            new Hl7.Fhir.Model.Practitioner { Id = "pr-2" },
            new Hl7.Fhir.Model.Practitioner { Id = "pr-9" },
            new Hl7.Fhir.Model.Encounter
            {
                Id = "e-1",
                Status = Hl7.Fhir.Model.Encounter.EncounterStatus.InProgress,
                Class = new Hl7.Fhir.Model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Subject = new Hl7.Fhir.Model.ResourceReference($"Patient/{PatientId}"),
            },
        ];
        await SaveAsync(server, resources);
    }

    /// <summary>Writes resources into the sandbox's store in one unit of work, as they are.</summary>
    public Task SaveAsync(params Hl7.Fhir.Model.Resource[] resources) => SaveAsync(Server, resources);

    private static async Task SaveAsync(SandboxServer server, Hl7.Fhir.Model.Resource[] resources)
    {
        var store = server.Services.GetRequiredService<Sandbox.FhirStore.Storage.IResourceStore>();
        await store.ExecuteAsync(
            async (transaction, cancellationToken) =>
            {
                foreach (var resource in resources)
                    await transaction.SaveAsync(resource, cancellationToken);

                return resources.Length;
            },
            CancellationToken.None);
    }

    public async Task AddPersonaAsync(object persona)
    {
        var response = await Client.PostAsJsonAsync("/api/personas", persona);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> RegisterAppAsync(object app)
    {
        var response = await Client.PostAsJsonAsync("/api/apps", app);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<JsonObject> RegisterPublicAppAsync(string clientId, bool showConsent = false, string scopePolicy = "Drop", string[]? scopes = null) =>
        RegisterAppAsync(new { clientId, name = "Test app", kind = "Public", redirectUris = new[] { RedirectUri }, launchUrl = "http://127.0.0.1:9/launch", showConsent, scopePolicy, scopes = scopes ?? [] });

    public async Task<string> CreateLaunchAsync(object launch)
    {
        var response = await Client.PostAsJsonAsync("/api/launches", launch);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["launchId"]!.GetValue<string>();
    }

    public string AuthorizeUrl(string clientId, string scope, Pkce pkce, string? launch = null, string? aud = null, string state = State, string method = "S256")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["aud"] = aud ?? FhirBase,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = method,
        };
        if (launch is not null)
            parameters["launch"] = launch;

        return QueryHelpers.AddQueryString("/auth/authorize", parameters);
    }

    /// <summary>Follows redirects inside the sandbox until one leaves for the app, and returns that URL.</summary>
    public async Task<Uri> FollowToAppAsync(string url)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(Server.BaseAddress, location);
            if (absolute.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
                return absolute;

            url = absolute.PathAndQuery;
        }

        throw new InvalidOperationException("Too many redirects inside the sandbox.");
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    public async Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, string? basicUser = null, string? basicPassword = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent(form) };
        if (basicUser is not null)
        {
            var credentials = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(basicUser)}:{Uri.EscapeDataString(basicPassword!)}"));
            request.Headers.Authorization = new("Basic", credentials);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string clientId, string code, Pkce pkce) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = pkce.Verifier,
        });

    /// <summary>Runs a headless EHR launch end to end and returns the token response.</summary>
    public async Task<JsonObject> LaunchAndRedeemAsync(string clientId, string scope, object launchRequest) =>
        await RedeemLaunchAsync(clientId, scope, await CreateLaunchAsync(launchRequest));

    /// <summary>Authorizes a created launch without a browser, redeems the code and returns the token response.</summary>
    public async Task<JsonObject> RedeemLaunchAsync(string clientId, string scope, string launch)
    {
        var pkce = Pkce.Create();
        var redirect = await FollowToAppAsync(AuthorizeUrl(clientId, scope, pkce, launch));
        var response = await RedeemCodeAsync(clientId, Query(redirect)["code"], pkce);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> GetFhirAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/{path}");
        if (accessToken is not null)
            request.Headers.Authorization = new("Bearer", accessToken);

        return await Client.SendAsync(request);
    }

    /// <summary>
    /// Returns settings that listen on one free loopback port. A test that restarts the sandbox
    /// starts both servers with them, because tokens and client assertions name the issuer URL.
    /// </summary>
    public static Dictionary<string, string?> FixedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return new() { ["urls"] = $"http://127.0.0.1:{port}" };
    }

    public static JsonObject ReadJwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1];
        return JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(payload))!.AsObject();
    }

    /// <summary>Posts <paramref name="body"/> as JSON and returns the status with the ProblemDetails' detail, or "" without one.</summary>
    public async Task<(HttpStatusCode Status, string Detail)> PostForProblemAsync(string path, JsonNode body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var problem = await ReadJsonAsync(response);
        return (response.StatusCode, problem["detail"]?.GetValue<string>() ?? "");
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonObject>(await response.Content.ReadAsStringAsync())!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
