using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.Testing;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>
/// A seeded sandbox, the test app on another origin, the personas and app registrations the
/// tests use, and facts about the seed read over FHIR to check what the app shows.
/// </summary>
public sealed class SmartAppFixture : IAsyncLifetime
{
    public const string PublicClientId = "e2e-public";
    public const string ConsentClientId = "e2e-consent";
    public const string ConfidentialClientId = "e2e-confidential";
    public const string DoctorUser = "e2e-doctor";
    public const string PatientUser = "e2e-patient";
    public const string AppScope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs";
    public const string StandaloneScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs";

    public SandboxServer Sandbox { get; private set; } = null!;

    public AppOriginServer AppOrigin { get; private set; } = null!;

    public string FhirBase => Sandbox.FhirBase.AbsoluteUri.TrimEnd('/');

    /// <summary>A seed patient that has observations and an encounter.</summary>
    public string PatientId { get; private set; } = null!;

    public string OtherPatientId { get; private set; } = null!;

    public string EncounterId { get; private set; } = null!;

    public string PatientFamily { get; private set; } = null!;

    public int ObservationCount { get; private set; }

    /// <summary>The client secret of the confidential app, fixed so its launch URL can carry it.</summary>
    public const string ConfidentialSecret = "e2e-confidential-secret";

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default" });
        AppOrigin = await AppOriginServer.StartAsync();
        await AddPersonaAsync(new { username = DoctorUser, displayName = "E2E Doctor", role = "Practitioner", fhirUser = "Practitioner/pr-sarah-mitchell" });
        await RegisterAppAsync(PublicClientId, AppKind.Public, showConsent: false);
        await RegisterAppAsync(ConsentClientId, AppKind.Public, showConsent: true);
        await RegisterAppAsync(ConfidentialClientId, AppKind.ConfidentialSymmetric, showConsent: false);
        await ReadSeedFactsAsync();
        await AddPersonaAsync(new { username = PatientUser, displayName = "E2E Patient", role = "Patient", fhirUser = $"Patient/{PatientId}" });
    }

    public async Task DisposeAsync()
    {
        await AppOrigin.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>The app's launch page with its settings in the query string.</summary>
    public string LaunchPage(string clientId, string scope, string? secret = null, bool standalone = false)
    {
        var parameters = new Dictionary<string, string?> { ["client_id"] = clientId, ["scope"] = scope };
        if (secret is not null)
            parameters["client_secret"] = secret;

        if (standalone)
            parameters["fhir_base"] = FhirBase;

        return QueryHelpers.AddQueryString(AppOrigin.Url("launch.html"), parameters);
    }

    /// <summary>Creates an EHR launch through the admin API and returns the launch URL to open.</summary>
    public async Task<string> CreateEhrLaunchAsync(string clientId, string simulatedError = "None")
    {
        var response = await Sandbox.Client.PostAsJsonAsync("api/launches", new
        {
            clientId,
            user = DoctorUser,
            patient = PatientId,
            encounter = EncounterId,
            skipLogin = true,
            skipConsent = true,
            simulatedError,
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return created!["launchUrl"]!.GetValue<string>();
    }

    /// <summary>Reads a resource or search with a practitioner token, to learn what the seed contains.</summary>
    public async Task<JsonObject> ReadAsDoctorAsync(string path)
    {
        var token = await Sandbox.HeadlessLaunchAsync(new HeadlessLaunchRequest { ClientId = PublicClientId, Scope = "openid user/*.rs", User = DoctorUser });
        using var fhir = Sandbox.CreateFhirClient(token["access_token"]!.GetValue<string>());
        return (await fhir.GetFromJsonAsync<JsonObject>(path))!;
    }

    private async Task ReadSeedFactsAsync()
    {
        var encounters = await ReadAsDoctorAsync("Encounter?_count=1");
        var subject = encounters["entry"]![0]!["resource"]!["subject"]!["reference"]!.GetValue<string>();
        PatientId = subject["Patient/".Length..];
        EncounterId = encounters["entry"]![0]!["resource"]!["id"]!.GetValue<string>();

        var patient = await ReadAsDoctorAsync($"Patient/{PatientId}");
        PatientFamily = patient["name"]![0]!["family"]!.GetValue<string>();

        var count = await ReadAsDoctorAsync($"Observation?patient={PatientId}&_summary=count");
        ObservationCount = count["total"]!.GetValue<int>();

        var others = await ReadAsDoctorAsync("Patient?_count=2");
        OtherPatientId = others["entry"]!.AsArray()
            .Select(entry => entry!["resource"]!["id"]!.GetValue<string>())
            .First(id => id != PatientId);
    }

    private async Task AddPersonaAsync(object persona)
    {
        var response = await Sandbox.Client.PostAsJsonAsync("api/personas", persona);
        response.EnsureSuccessStatusCode();
    }

    private Task<SmartApp> RegisterAppAsync(string clientId, AppKind kind, bool showConsent) =>
        Sandbox.RegisterAppAsync(new SmartApp
        {
            ClientId = clientId,
            Name = $"E2E {clientId}",
            Kind = kind,
            ClientSecret = kind == AppKind.ConfidentialSymmetric ? ConfidentialSecret : null,
            ShowConsent = showConsent,
            RedirectUris = [AppOrigin.Url("index.html")],
            LaunchUrl = LaunchPage(clientId, AppScope, kind == AppKind.ConfidentialSymmetric ? ConfidentialSecret : null),
        });
}
