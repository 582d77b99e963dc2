using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sandbox.Host.Tests;

public sealed class StartupGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gate_StopBeforeStart_Returns503VaryOrigin()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--ephemeral", "true", "--seed", "empty"],
            builder => builder.Services.AddHostedService(_ => new HeldStart(release.Task)));
        var starting = app.StartAsync();
        var baseAddress = await WaitForAddressAsync(app);
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/metadata");
        request.Headers.Add("Origin", "http://app.example");

        var sending = client.SendAsync(request);
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var response = await sending.WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Origin", response.Headers.Vary);

        // The stop cancels the held start, so the start's own outcome is not part of this test.
        release.SetResult();
        await Record.ExceptionAsync(() => starting.WaitAsync(Timeout));
        await app.StopAsync();
    }

    // The host calls StartedAsync after Kestrel listens, so the address is known while the
    // start is still held.
    private static async Task<Uri> WaitForAddressAsync(IHost app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var address = addresses.Addresses.FirstOrDefault(value => !value.EndsWith(":0", StringComparison.Ordinal));
            if (address is not null)
                return new Uri(address.TrimEnd('/') + "/");

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException("Kestrel did not report a listening address within 30 s.");
    }

    /// <summary>A hosted service whose <c>StartedAsync</c> waits for the test, so the host stays not started.</summary>
    private sealed class HeldStart(Task release) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => release.WaitAsync(cancellationToken);

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
