using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Import;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>An import job of the admin API that is still running when the sandbox stops.</summary>
public sealed class ImportDuringStopTests
{
    [Fact]
    public async Task Stop_DuringImport_CancelsJob()
    {
        var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        var jobs = server.Services.GetRequiredService<ImportJobs>();
        var lines = Enumerable.Range(0, 100_000).Select(index => $"{{\"resourceType\":\"Patient\",\"id\":\"stop-{index}\"}}");
        using var body = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/fhir+ndjson");
        var (job, hold) = await ImportJobPolling.StartAndHoldAfterFirstCommitAsync(server, body);

        // The hold keeps the job waiting for the store's write lock, so only the stop can end
        // it while the hold lasts.
        Task stopping;
        ImportJobStatus status;
        await using (hold)
        {
            stopping = server.DisposeAsync().AsTask();
            status = await WaitForEndAsync(jobs, job.OriginalString.Split('/')[^1]);
        }

        await stopping;
        Assert.Equal("cancelled", status.State);
        Assert.True(status.Resources > 0);
        Assert.Contains("the sandbox stopped", status.Messages[0]);
        Assert.Contains("stay in the store", status.Messages[0]);
    }

    private static async Task<ImportJobStatus> WaitForEndAsync(ImportJobs jobs, string id)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var status = jobs.Find(id)!.ToStatus();
            if (status.State != "running")
                return status;

            await Task.Delay(20);
        }

        Assert.Fail("The import job was still running 10 s after the sandbox began to stop.");
        return null!;
    }
}
