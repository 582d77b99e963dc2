using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Tests.Bundles;
using Sandbox.FhirStore.Tests.Durability;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Import;

public sealed class ImportVerbTests : IDisposable
{
    private readonly string _importFolder = Directory.CreateTempSubdirectory("sandbox-import-").FullName;
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-import-data-").FullName;

    [Fact]
    public async System.Threading.Tasks.Task ImportVerb_Folder_PrintsSummaryAndStores()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: "verb-1"), "Patient/verb-1")
            .Put(TestResources.Patient(id: "verb-2"), "Patient/verb-2")
            .Build();
        await File.WriteAllTextAsync(Path.Combine(_importFolder, "bundle.json"), bundle.ToJson());
        await File.WriteAllTextAsync(Path.Combine(_importFolder, "more.ndjson"), TestResources.Patient(id: "verb-3").ToJson());

        int exitCode;
        List<string> output;
        using (var process = SandboxProcess.Start("import", _importFolder, "--data", _dataFolder))
        {
            exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output = [.. process.OutputLines];
        }

        Assert.Equal(0, exitCode);
        Assert.Contains(output, line => line.Contains("bundle.json: 2 resources", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("more.ndjson: 1 resources", StringComparison.Ordinal));
        Assert.Contains(output, line => line.StartsWith("Imported 3 resources from 2 files", StringComparison.Ordinal));
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder });
        using var read = await FhirTestClient.For(server).GetAsync("Patient/verb-3");
        Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ImportVerb_InvalidCodeLine_StoresOthers()
    {
        var lines = new[]
        {
            "{\"resourceType\":\"Patient\",\"id\":\"verb-ok\",\"active\":true}",
            "{\"resourceType\":\"Patient\",\"id\":\"verb-robot\",\"gender\":\"robot\"}",
        };
        await File.WriteAllLinesAsync(Path.Combine(_importFolder, "bad.ndjson"), lines);

        int exitCode;
        List<string> output;
        using (var process = SandboxProcess.Start("import", _importFolder, "--data", _dataFolder))
        {
            exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output = [.. process.OutputLines];
        }

        Assert.Equal(1, exitCode);
        Assert.Contains(output, line => line.Contains("bad.ndjson: 1 resources", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("Line 2: ", StringComparison.Ordinal));
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder });
        using var read = await FhirTestClient.For(server).GetAsync("Patient/verb-ok");
        Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ImportVerb_MissingPath_Exits2()
    {
        using var process = SandboxProcess.Start("import", Path.Combine(_importFolder, "missing"), "--data", _dataFolder);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
    }

    public void Dispose()
    {
        Directory.Delete(_importFolder, recursive: true);
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // The SQLite file may still be closing; the temp folder is cleaned up later.
        }
    }
}
