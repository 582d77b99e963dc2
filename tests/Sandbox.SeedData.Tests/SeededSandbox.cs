using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.SeedData.Apps;
using Sandbox.SeedData.Loading;
using Sandbox.Testing;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// One sandbox with the default seed, shared by the sign-in and launch tests, because
/// loading the population takes seconds, and tens of seconds on a busy machine.
/// </summary>
public sealed class SeededSandbox : IAsyncLifetime
{
    private SandboxServer? _server;

    public SandboxServer Server => _server ?? throw new InvalidOperationException("The sandbox has not started.");

    /// <summary>The redirect URI of the sample app on the sandbox's own origin.</summary>
    public string SampleAppRedirectUri => new Uri(Server.BaseAddress, SeedApps.SampleAppPath).AbsoluteUri;

    public async System.Threading.Tasks.Task InitializeAsync() =>
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default" });

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    /// <summary>Returns the generated credentials of a seed app, as the data folder stores them.</summary>
    public SeedAppCredential CredentialOf(SeedApp app) =>
        Server.Services.GetRequiredService<SeedAppCredentialStore>().LoadOrCreate(app);

    /// <summary>Returns the id of the first encounter of a seed patient.</summary>
    public string FirstEncounterOf(string patientId) =>
        Server.Services.GetRequiredService<SeedLoader>().GetPopulation().Resources
            .OfType<Encounter>()
            .First(encounter => encounter.Subject?.Reference == $"Patient/{patientId}")
            .Id!;
}
