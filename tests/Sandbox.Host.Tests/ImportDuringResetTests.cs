using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Storage;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>
/// Import jobs and store resets that overlap. The sandbox is seeded from a folder, because a
/// reset to a folder imports it batch by batch, so a test can see from the patient count
/// that the reset is still running.
/// </summary>
public sealed class ImportDuringResetTests : IAsyncLifetime
{
    private const int BulkPatients = 100_000;

    private readonly DirectoryInfo _seedFolder = Directory.CreateTempSubdirectory("sandbox-import-reset-");
    private SandboxServer _server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_seedFolder.FullName, "a-first.ndjson"),
            """{"resourceType":"Patient","id":"seed-first"}""");
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = _seedFolder.FullName, OpenFhir = true });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _seedFolder.Delete(recursive: true);
    }

    [Fact]
    public async Task Import_DuringReset_Returns409Problem()
    {
        await File.WriteAllLinesAsync(Path.Combine(_seedFolder.FullName, "b-bulk.ndjson"), PatientLines("seed"));
        var (reset, hold) = await StartResetAndHoldDuringImportAsync();
        await using (hold)
        {
            using var body = new StringContent(
                """{"resourceType":"Patient","id":"imported-during-reset"}""",
                Encoding.UTF8,
                "application/fhir+json");

            using var response = await _server.Client.PostAsync("api/import", body);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Contains("reset", problem!["detail"]!.GetValue<string>());
            Assert.Contains("again", problem["detail"]!.GetValue<string>());
        }

        using var resetResponse = await reset;
        Assert.Equal(HttpStatusCode.OK, resetResponse.StatusCode);
        using var read = await _server.Client.GetAsync("fhir/Patient/imported-during-reset");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Import_AfterReset_IsAccepted()
    {
        using var reset = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var body = new StringContent(
            """{"resourceType":"Patient","id":"imported-after-reset"}""",
            Encoding.UTF8,
            "application/fhir+json");

        using var response = await _server.Client.PostAsync("api/import", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Reset_CancelledJob_ReportsErrorsSoFar()
    {
        var lines = PatientLines("bulk").Prepend("this line is not JSON");
        using var body = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/fhir+ndjson");
        var (job, hold) = await ImportJobPolling.StartAndHoldAfterFirstCommitAsync(_server, body);
        Task<HttpResponseMessage> reset;
        await using (hold)
        {
            // The reset cancels the job while the hold keeps it from committing more, and then
            // waits for the hold to end before it empties the store.
            reset = _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
            await ImportJobPolling.WaitForEndAsync(_server.Client, job);
        }

        using var resetResponse = await reset;
        Assert.Equal(HttpStatusCode.OK, resetResponse.StatusCode);
        var status = await _server.Client.GetFromJsonAsync<JsonObject>(job);
        Assert.Equal("cancelled", status!["state"]!.GetValue<string>());
        Assert.Equal(1, status["errors"]!.GetValue<int>());
        var resources = status["resources"]!.GetValue<int>();
        Assert.InRange(resources, 1, BulkPatients - 1);
        var messages = status["messages"]!.AsArray().Select(message => message!.GetValue<string>()).ToList();
        Assert.Contains(messages, message => message.Contains("the store was reset"));
        Assert.Contains(messages, message => message.Contains($"removed the {resources} resources"));
        Assert.Contains(messages, message => message.StartsWith("Line 1:"));
    }

    [Fact]
    public async Task Reset_JobThatStoredNothing_SaysSo()
    {
        // A unit of work held open on the store keeps the job waiting for the store's write
        // lock, where the reset's cancellation reaches it before it can commit anything.
        var store = _server.Services.GetRequiredService<IResourceStore>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldUnit = store.ExecuteAsync(
            async (_, _) =>
            {
                holding.SetResult();
                await release.Task;
                return 0;
            },
            CancellationToken.None);
        await holding.Task;
        JsonObject status;
        Task<HttpResponseMessage> reset;
        try
        {
            using var body = new StringContent(
                """{"resourceType":"Patient","id":"never-stored"}""",
                Encoding.UTF8,
                "application/fhir+json");
            using var started = await _server.Client.PostAsync("api/import", body);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

            reset = _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
            status = await ImportJobPolling.WaitForEndAsync(_server.Client, started.Headers.Location!);
        }
        finally
        {
            release.TrySetResult();
            await heldUnit;
        }

        Assert.Equal("cancelled", status["state"]!.GetValue<string>());
        using var resetResponse = await reset;
        Assert.Equal(HttpStatusCode.OK, resetResponse.StatusCode);
        Assert.Equal(0, status["resources"]!.GetValue<int>());
        var message = status["messages"]!.AsArray()[0]!.GetValue<string>();
        Assert.Contains("the store was reset", message);
        Assert.DoesNotContain("removed", message);
    }

    private static IEnumerable<string> PatientLines(string prefix) =>
        Enumerable.Range(0, BulkPatients).Select(index => $"{{\"resourceType\":\"Patient\",\"id\":\"{prefix}-{index}\"}}");

    // The reset empties the store and then imports the seed folder batch by batch, so more
    // than the one patient of the first file means it is in the bulk file. The returned hold
    // on the store's write lock keeps the reset from committing another batch, so it stays
    // in progress however late the test's code runs.
    private async Task<(Task<HttpResponseMessage> Reset, StoreWriteHold Hold)> StartResetAndHoldDuringImportAsync()
    {
        var hold = StoreWriteHold.Request(_server.Services.GetRequiredService<IResourceStore>());
        await hold.Acquired;
        var reset = _server.Client.PostAsJsonAsync("api/reset", new { to = "Seed" });
        hold = await hold.StepUntilAsync(
            async () =>
            {
                Assert.False(reset.IsCompleted, "The reset finished before the test could send its import.");
                return await CountPatientsAsync() > 1;
            },
            "The reset imported nothing of the bulk file within 30 s.");
        return (reset, hold);
    }

    private async Task<int> CountPatientsAsync()
    {
        var bundle = await _server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_summary=count");
        return bundle!["total"]!.GetValue<int>();
    }
}
