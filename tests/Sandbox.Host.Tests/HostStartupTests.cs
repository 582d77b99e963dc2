using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Rest.Capabilities;
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

    [Fact]
    public async Task WarmUp_ConfiguredPort_ServesCachedStatement()
    {
        var port = FreeLoopbackPort();
        var fhirBase = new Uri($"http://127.0.0.1:{port}/fhir");
        var events = new WarningRecorder();
        await using var app = SandboxApp.Build(
            ["--urls", $"http://127.0.0.1:{port}", "--ephemeral", "true", "--seed", "empty"],
            builder => builder.Logging.AddProvider(events));
        await app.StartAsync();
        await app.Services.GetRequiredService<StartupWarmUp>().Completion;

        using var client = new HttpClient();
        var body = await client.GetByteArrayAsync(new Uri(fhirBase + "/metadata"));
        var cached = app.Services.GetRequiredService<CapabilityStatementCache>().Get(fhirBase, FhirFormat.Json, pretty: false);

        using var statement = JsonDocument.Parse(body);
        Assert.Equal(fhirBase.ToString(), statement.RootElement.GetProperty("implementation").GetProperty("url").GetString());
        Assert.Equal(cached, body);
        Assert.DoesNotContain(events.Warnings, warning => warning.Category == typeof(StartupWarmUp).FullName);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/fhir")]
    [InlineData("http://localhost:5080; http://[::1]:5081", "http://localhost:5080/fhir http://[::1]:5081/fhir")]
    [InlineData("http://0.0.0.0:5080;http://127.0.0.1:5081", "http://127.0.0.1:5081/fhir")]
    [InlineData("http://sandbox.example.org:5080", "")]
    [InlineData("http://127.0.0.1:5080;http://127.0.0.1:0", "")]
    [InlineData("http://localhost", "http://localhost/fhir")]
    [InlineData("", "")]
    public void ConfiguredLoopbackFhirBases_Urls_ReturnsBases(string urls, string expected)
    {
        var fhirBases = StartupWarmUp.ConfiguredLoopbackFhirBases(urls);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), fhirBases.Select(fhirBase => fhirBase.ToString()));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
