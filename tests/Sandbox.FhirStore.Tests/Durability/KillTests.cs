using System.Collections.Concurrent;
using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Tests.Bundles;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Durability;

/// <summary>
/// Kills the sandbox process with SIGKILL while it writes, restarts it on the same data folder
/// and checks that every acknowledged write is there and no Bundle is half-written.
/// </summary>
public sealed class KillTests : IDisposable
{
    private const int EntriesPerBundle = 20;

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-kill-").FullName;

    [Fact]
    public async System.Threading.Tasks.Task Kill_DuringTransactions_KeepsAcknowledgedAndWholeBundles()
    {
        var (process, baseAddress) = await SandboxProcess.StartServerAsync(_dataFolder);
        var acknowledged = new ConcurrentBag<int>();
        var sent = new ConcurrentBag<int>();
        using (process)
        {
            var writers = Enumerable.Range(0, 3)
                .Select(writer => StreamTransactionsAsync(baseAddress, writer, sent, acknowledged))
                .ToList();
            await WaitUntilAsync(() => acknowledged.Count >= 30 || process.HasExited);
            process.Kill();
            await System.Threading.Tasks.Task.WhenAll(writers);
        }

        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder });
        var client = FhirTestClient.For(server);
        foreach (var bundle in sent)
        {
            var stored = await CountStoredAsync(client, bundle);
            Assert.True(stored is 0 or EntriesPerBundle, $"Bundle {bundle} is half-written: {stored} of {EntriesPerBundle} resources.");
            if (acknowledged.Contains(bundle))
                Assert.True(stored == EntriesPerBundle, $"Acknowledged bundle {bundle} is missing after the restart.");
        }

        Assert.True(acknowledged.Count >= 30, $"Only {acknowledged.Count} transactions were acknowledged before the kill.");
    }

    [Fact]
    public async System.Threading.Tasks.Task Kill_DuringImport_KeepsReportedAndWholeFiles()
    {
        var importFolder = Directory.CreateTempSubdirectory("sandbox-kill-import-").FullName;
        // The import reaches a named pipe that nothing writes to and waits there, so it cannot
        // finish before the kill however long a loaded machine delays the polling.
        const int Files = 100;
        const int Pipe = 60;
        for (var file = 0; file < Files; file++)
        {
            var path = Path.Combine(importFolder, $"bundle-{file:D3}.json");
            if (file == Pipe)
                await MakeNamedPipeAsync(path);
            else
                await File.WriteAllTextAsync(path, BuildBundle(file).ToJson());
        }

        var reported = new HashSet<int>();
        using (var process = SandboxProcess.Start("import", importFolder, "--data", _dataFolder))
        {
            await WaitUntilAsync(() => process.OutputLines.Count(line => line.Contains(": 20 resources", StringComparison.Ordinal)) >= 5 || process.HasExited);
            process.Kill();
            foreach (var line in process.OutputLines.Where(line => line.Contains(", ok", StringComparison.Ordinal)))
                reported.Add(int.Parse(line.Trim()["bundle-".Length..("bundle-".Length + 3)], System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder });
        var client = FhirTestClient.For(server);
        for (var file = 0; file < Files; file++)
        {
            var stored = await CountStoredAsync(client, file);
            Assert.True(stored is 0 or EntriesPerBundle, $"File {file} is half-imported: {stored} of {EntriesPerBundle} resources.");
            if (reported.Contains(file))
                Assert.True(stored == EntriesPerBundle, $"File {file} was reported imported but is missing after the restart.");
        }

        Assert.True(reported.Count >= 5, $"Only {reported.Count} files were reported before the kill.");
        Assert.True(reported.Count < Files, "The import finished before the kill, so the test proved nothing.");
        Directory.Delete(importFolder, recursive: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A restarted server may still hold the file for a moment; the temp folder is cleaned later.
        }
    }

    private static async System.Threading.Tasks.Task StreamTransactionsAsync(
        Uri baseAddress,
        int writer,
        ConcurrentBag<int> sent,
        ConcurrentBag<int> acknowledged)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        for (var sequence = 0; sequence < 10_000; sequence++)
        {
            var bundle = writer * 100_000 + sequence;
            sent.Add(bundle);
            try
            {
                using var response = await http.PostAsync("fhir", FhirTestClient.JsonContent(BuildBundle(bundle)));
                if (response.StatusCode != HttpStatusCode.OK)
                    return;

                acknowledged.Add(bundle);
            }
            catch (HttpRequestException)
            {
                return;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static Bundle BuildBundle(int bundle)
    {
        var builder = new BundleBuilder(Bundle.BundleType.Transaction);
        for (var entry = 0; entry < EntriesPerBundle; entry++)
        {
            var id = $"kill-{bundle}-{entry}";
            builder.Put(TestResources.Patient(id: id), $"Patient/{id}");
        }

        return builder.Build();
    }

    private static async Task<int> CountStoredAsync(FhirTestClient client, int bundle)
    {
        var ids = string.Join(',', Enumerable.Range(0, EntriesPerBundle).Select(entry => $"kill-{bundle}-{entry}"));
        using var response = await client.GetAsync($"Patient?_id={ids}&_count=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var searchset = await FhirTestClient.ReadAsync<Bundle>(response);
        return searchset.Entry.Count;
    }

    private static async System.Threading.Tasks.Task MakeNamedPipeAsync(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static async System.Threading.Tasks.Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!condition() && DateTime.UtcNow < deadline)
            await System.Threading.Tasks.Task.Delay(20);
    }
}
