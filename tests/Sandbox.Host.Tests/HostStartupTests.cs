using Sandbox.Testing;

namespace Sandbox.Host.Tests;

public sealed class HostStartupTests
{
    [Fact]
    public async Task StartAsync_BindsLoopbackPort()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Equal("/fhir", server.FhirBase.AbsolutePath);
    }
}
