using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Storage;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>Starts and polls import jobs of the admin API.</summary>
internal static class ImportJobPolling
{
    /// <summary>
    /// Starts an import job of <paramref name="body"/> and returns its URL once its first
    /// transaction has committed. The returned hold on the store's write lock keeps the job
    /// from committing another, so it stays <c>running</c> until the caller disposes the hold,
    /// however fast it imports and however late the test's code runs. The body must need more
    /// than one transaction. Fails when the job stops first or stores nothing within 30 s.
    /// </summary>
    public static async Task<(Uri Job, StoreWriteHold Hold)> StartAndHoldAfterFirstCommitAsync(
        SandboxServer server,
        HttpContent body)
    {
        var store = server.Services.GetRequiredService<IResourceStore>();
        var hold = StoreWriteHold.Request(store);
        await hold.Acquired;
        Uri job;
        try
        {
            using var started = await server.Client.PostAsync("api/import", body);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            job = started.Headers.Location!;
        }
        catch
        {
            await hold.DisposeAsync();
            throw;
        }

        // The job parses a batch and then waits for the lock behind the hold.
        hold = await hold.StepUntilAsync(
            async () =>
            {
                var status = await server.Client.GetFromJsonAsync<JsonObject>(job);
                Assert.Equal("running", status!["state"]!.GetValue<string>());
                return status["resources"]!.GetValue<int>() > 0;
            },
            $"The import job at {job} stored nothing within 30 s.");
        return (job, hold);
    }

    /// <summary>Polls the job every 20 ms until its state is no longer <c>running</c>, for at most 30 s.</summary>
    public static async Task<JsonObject> WaitForEndAsync(HttpClient client, Uri job)
    {
        for (var attempt = 0; attempt < 1500; attempt++)
        {
            var status = await client.GetFromJsonAsync<JsonObject>(job);
            if (status!["state"]!.GetValue<string>() != "running")
                return status;

            await Task.Delay(20);
        }

        Assert.Fail($"The import job at {job} was still running after 30 s.");
        return null!;
    }
}
