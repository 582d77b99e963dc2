using System.Net;
using System.Net.Http.Json;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// The search fixture data behind real SMART authorization. The data is written through an
/// open sandbox on a kept data folder, then the sandbox restarts on it with tokens required,
/// and headless launches issue the tokens the tests search with.
/// </summary>
public sealed class AccessFilterHttpFixture : IAsyncLifetime
{
    private const string ClientId = "search-app";
    private const string Redirect = "http://127.0.0.1:9/callback";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-search-access-").FullName;

    public SandboxServer Server { get; private set; } = null!;

    /// <summary>A client for Ada's launch with <c>patient/Observation.rs patient/Patient.rs</c>.</summary>
    public HttpClient AdaClient { get; private set; } = null!;

    /// <summary>A client for Ada's launch with <c>user/Patient.rs patient/Observation.rs</c>: every Patient, only her Observations.</summary>
    public HttpClient AdaUserPatientsClient { get; private set; } = null!;

    /// <summary>A client for Bob's launch with a granular scope on laboratory Observations only.</summary>
    public HttpClient BobLaboratoryClient { get; private set; } = null!;

    /// <summary>A client for Ada's launch with a granular scope whose token value is a lone <c>|</c>.</summary>
    public HttpClient AdaLoneBarCodeClient { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await using (var open = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder }))
        {
            var client = FhirTestClient.For(open);
            using var response = await client.PostAsync(string.Empty, SearchFixtureData.Build(open.FhirBase));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            client.Http.Dispose();
        }

        Server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", DataFolder = _dataFolder });
        using (var persona = await Server.Client.PostAsJsonAsync(
            "api/personas",
            new { username = "dr-search", displayName = "Dr Search", role = "Practitioner", fhirUser = "Practitioner/pr-1" }))
        {
            persona.EnsureSuccessStatusCode();
        }

        await Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Search tests", RedirectUris = [Redirect] });
        AdaClient = await LaunchAsync("pat-ada", "launch patient/Observation.rs patient/Patient.rs");
        AdaUserPatientsClient = await LaunchAsync("pat-ada", "launch user/Patient.rs patient/Observation.rs");
        BobLaboratoryClient = await LaunchAsync(
            "pat-bob",
            $"launch patient/Observation.rs?category={SearchFixtureData.ObservationCategories}|laboratory");
        AdaLoneBarCodeClient = await LaunchAsync("pat-ada", "launch patient/Observation.rs?code=|");
    }

    private async Task<HttpClient> LaunchAsync(string patientId, string scope)
    {
        var token = await Server.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = ClientId,
            Scope = scope,
            User = "dr-search",
            Patient = patientId,
        });
        return Server.CreateFhirClient(token["access_token"]!.GetValue<string>());
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        AdaClient.Dispose();
        AdaUserPatientsClient.Dispose();
        BobLaboratoryClient.Dispose();
        AdaLoneBarCodeClient.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // The SQLite file may still be closing; the temp folder is cleaned up later.
        }
    }
}
