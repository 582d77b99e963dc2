using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task StartAsync_WarmUpRequests_Return200()
    {
        var events = new WarningRecorder();
        await using var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--ephemeral", "true", "--seed", "empty"],
            builder => builder.Logging.AddProvider(events));
        await app.StartAsync();

        await app.Services.GetRequiredService<StartupWarmUp>().Completion;

        Assert.DoesNotContain(events.Warnings, warning => warning.Category == typeof(StartupWarmUp).FullName);
        await app.StopAsync();
    }
}
