using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests;

/// <summary>One empty sandbox shared by the tests of a class; tests use their own ids so they do not collide.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    internal FhirTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        Client = FhirTestClient.For(Server);
    }

    public async Task DisposeAsync()
    {
        Client.Http.Dispose();
        await Server.DisposeAsync();
    }
}
