namespace Sandbox.Auth.Tests;

/// <summary>
/// One sandbox for a test class, with the public app <c>app</c> registered. It suits classes
/// whose requests are all rejected or change nothing that the other tests of the class read.
/// </summary>
public sealed class PublicAppHost : IAsyncLifetime
{
    internal AuthFixture Fixture { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fixture = await AuthFixture.StartAsync();
        await Fixture.RegisterPublicAppAsync("app");
    }

    public async Task DisposeAsync() => await Fixture.DisposeAsync();
}
