using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.Handshakes;

/// <summary>
/// A complete headless SMART EHR launch as an app and an EHR drive it: discovery, on the sandbox
/// <c>POST /api/launches</c> with login and consent skipped, authorize with PKCE S256, and the
/// code redeemed for tokens. Each step must return the status the protocol requires.
/// </summary>
/// <param name="createsLaunch">Whether to create a launch through the sandbox's admin API first; the probe has none.</param>
internal sealed class SmartHandshake(bool createsLaunch)
{
    /// <summary>The client the benchmark registers on the sandbox; the bare probe accepts only this one.</summary>
    public const string ClientId = "bench-app";

    /// <summary>The redirect URI of the benchmark's client; nothing listens on it, and no request is sent to it.</summary>
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    public const string Username = "bench-user";

    private const string PatientId = "bench-patient";

    private const string PractitionerId = "bench-practitioner";

    private const string Scope = "launch openid fhirUser patient/*.rs";

    /// <summary>Runs one handshake and returns null on success, else the step that failed.</summary>
    public async Task<string?> RunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using (var discovery = await client.GetAsync("fhir/.well-known/smart-configuration", cancellationToken))
        {
            await discovery.Content.CopyToAsync(Stream.Null, cancellationToken);
            if (discovery.StatusCode != HttpStatusCode.OK)
                return $"discovery returned {(int)discovery.StatusCode}";
        }

        string? launch = null;
        if (createsLaunch)
        {
            launch = await CreateLaunchAsync(client, cancellationToken);
            if (launch is null)
                return "POST /api/launches did not return 201 with a launchId";
        }

        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(client, pkce, launch, cancellationToken);
        if (code is null)
            return "authorize did not redirect to the app with a code";

        return await RedeemAsync(client, code, pkce, cancellationToken);
    }

    /// <summary>
    /// Registers the benchmark's public client and a practitioner persona on the sandbox, and
    /// writes the launch's Patient and the persona's Practitioner, because the sandbox rejects a
    /// launch whose patient or user does not exist in its FHIR store.
    /// </summary>
    /// <exception cref="ServerUnavailableException">A registration or write did not succeed.</exception>
    public static async Task RegisterAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await PutAsync(client, "Patient", PatientId, cancellationToken);
        await PutAsync(client, "Practitioner", PractitionerId, cancellationToken);

        var app = new
        {
            clientId = ClientId,
            name = "Benchmark app",
            kind = "Public",
            redirectUris = new[] { RedirectUri },
            launchUrl = "http://127.0.0.1:9/launch",
            showConsent = false,
            scopePolicy = "Drop",
            scopes = Array.Empty<string>(),
        };
        using var registered = await client.PostAsJsonAsync("api/apps", app, cancellationToken);
        EnsureCreated(registered, "POST /api/apps");

        var persona = new { username = Username, displayName = "Benchmark user", role = "Practitioner", fhirUser = $"Practitioner/{PractitionerId}" };
        using var added = await client.PostAsJsonAsync("api/personas", persona, cancellationToken);
        EnsureCreated(added, "POST /api/personas");
    }

    private static async Task PutAsync(HttpClient client, string type, string id, CancellationToken cancellationToken)
    {
        var json = $"{{\"resourceType\":\"{type}\",\"id\":\"{id}\"}}";
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/fhir+json");
        using var response = await client.PutAsync($"fhir/{type}/{id}", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ServerUnavailableException($"PUT fhir/{type}/{id} returned {(int)response.StatusCode} {response.StatusCode}");
    }

    private static void EnsureCreated(HttpResponseMessage response, string step)
    {
        if (response.StatusCode != HttpStatusCode.Created)
            throw new ServerUnavailableException($"{step} returned {(int)response.StatusCode} {response.StatusCode}, not 201 Created");
    }

    private static async Task<string?> CreateLaunchAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var request = new { clientId = ClientId, user = Username, patient = PatientId, skipLogin = true, skipConsent = true };
        using var response = await client.PostAsJsonAsync("api/launches", request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            return null;

        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (string?)body?["launchId"];
    }

    private static async Task<string?> AuthorizeAsync(HttpClient client, Pkce pkce, string? launch, CancellationToken cancellationToken)
    {
        var aud = new Uri(client.BaseAddress!, "fhir").AbsoluteUri;
        var query = $"response_type=code&client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
            + $"&scope={Uri.EscapeDataString(Scope)}&state=bench&aud={Uri.EscapeDataString(aud)}"
            + $"&code_challenge={pkce.Challenge}&code_challenge_method=S256";
        if (launch is not null)
            query += $"&launch={Uri.EscapeDataString(launch)}";

        using var response = await client.GetAsync($"auth/authorize?{query}", cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        var location = response.Headers.Location;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null || !location.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
            return null;

        var code = location.Query.TrimStart('?').Split('&').FirstOrDefault(pair => pair.StartsWith("code=", StringComparison.Ordinal));
        return code is null ? null : Uri.UnescapeDataString(code["code=".Length..]);
    }

    private static async Task<string?> RedeemAsync(HttpClient client, string code, Pkce pkce, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = pkce.Verifier,
        };
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync("auth/token", content, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return $"token returned {(int)response.StatusCode}: {(string?)body?["error_description"]}";

        return body?["id_token"] is null ? "token response has no id_token" : null;
    }
}
