using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sandbox.SeedData.Loading;
using Xunit.Abstractions;

namespace Sandbox.SeedData.Tests;

public sealed class SeedLoaderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LoadIfEmpty_EmptyStore_WritesEveryResource()
    {
        await using var sqlite = new SqliteStore();
        var loader = CreateLoader(sqlite, SeedOptions.Default);
        var population = loader.GetPopulation();

        var result = await loader.LoadIfEmptyAsync(CancellationToken.None);

        output.WriteLine($"Seed load into SQLite: {result.ResourceCount} resources in {result.Elapsed.TotalMilliseconds:F0} ms");
        Assert.False(result.Skipped);
        Assert.Equal(population.Resources.Count, result.ResourceCount);
        Assert.Equal(
            population.Resources.Count(resource => resource.TypeName == "Patient"),
            (await sqlite.ListIdsAsync("Patient")).Count);
    }

    [Fact]
    public async Task LoadIfEmpty_SecondCall_WritesNothing()
    {
        await using var sqlite = new SqliteStore();
        var loader = CreateLoader(sqlite, SeedOptions.Default);
        await loader.LoadIfEmptyAsync(CancellationToken.None);

        var second = await loader.LoadIfEmptyAsync(CancellationToken.None);

        var patient = await sqlite.Store.ReadAsync("Patient", SeedPatients.MarcusJohnson, CancellationToken.None);
        Assert.True(second.Skipped);
        Assert.Equal(1, patient!.VersionId);
    }

    [Fact]
    public async Task LoadIfEmpty_EmptySeed_WritesNothing()
    {
        await using var sqlite = new SqliteStore();
        var loader = CreateLoader(sqlite, SeedOptions.Empty);

        var result = await loader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.True(result.Skipped);
        Assert.Empty(await sqlite.ListIdsAsync("Patient"));
    }

    [Fact]
    public async Task GetPopulation_FixedDate_UsesIt()
    {
        await using var sqlite = new SqliteStore();
        var loader = CreateLoader(sqlite, SeedOptions.Default);

        var population = loader.GetPopulation();

        Assert.Equal(PopulationFixture.ReferenceDate, population.ReferenceDate);
    }

    [Fact]
    public async Task LoadIfEmpty_ImportFolder_RewritesUrnReferences()
    {
        var folder = Directory.CreateTempSubdirectory("seed-import-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "one.json"), TransactionWithUrnReference, Encoding.UTF8);
            await using var sqlite = new SqliteStore();

            var result = await CreateLoader(sqlite, folder).LoadIfEmptyAsync(CancellationToken.None);

            Assert.Equal(2, result.ResourceCount);
            Assert.Equal(0, result.ErrorCount);
            var stored = await sqlite.Store.ReadAsync("Observation", "obs-1", CancellationToken.None);
            var observation = Encoding.UTF8.GetString(stored!.Json.Span);
            Assert.Contains("\"reference\":\"Patient/pat-1\"", observation);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LoadIfEmpty_UnfinishedFolderImport_EmptiesStoreAndImportsAgain()
    {
        var folder = Directory.CreateTempSubdirectory("seed-import-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "one.json"), TransactionWithUrnReference);
            await using var sqlite = new SqliteStore();
            await sqlite.Store.ExecuteAsync(
                (transaction, token) => transaction.SaveAsync(new Hl7.Fhir.Model.Patient { Id = "left-over" }, token),
                CancellationToken.None);
            var marker = Path.Combine(Path.GetDirectoryName(sqlite.DatabasePath)!, FolderImportMarker.FileName);
            await File.WriteAllTextAsync(marker, folder);

            var result = await CreateLoader(sqlite, folder).LoadIfEmptyAsync(CancellationToken.None);

            Assert.Equal(2, result.ResourceCount);
            Assert.Equal(["pat-1"], await sqlite.ListIdsAsync("Patient"));
            Assert.False(File.Exists(marker));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LoadIfEmpty_FolderIntoStoreWithData_KeepsData()
    {
        var folder = Directory.CreateTempSubdirectory("seed-import-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "one.json"), TransactionWithUrnReference);
            await using var sqlite = new SqliteStore();
            await sqlite.Store.ExecuteAsync(
                (transaction, token) => transaction.SaveAsync(new Hl7.Fhir.Model.Patient { Id = "own-data" }, token),
                CancellationToken.None);

            var result = await CreateLoader(sqlite, folder).LoadIfEmptyAsync(CancellationToken.None);

            Assert.True(result.Skipped);
            Assert.Equal(["own-data"], await sqlite.ListIdsAsync("Patient"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LoadIfEmpty_SyntheaFolder_ImportsAllBundles()
    {
        var folder = Environment.GetEnvironmentVariable("SANDBOX_SYNTHEA_DIR");
        if (string.IsNullOrEmpty(folder))
        {
            // xunit 2 has no runtime skip, so the test passes and writes the reason to its output.
            output.WriteLine("SKIPPED: SANDBOX_SYNTHEA_DIR is not set, so the Synthea import was not tested.");
            return;
        }

        await using var sqlite = new SqliteStore();

        var result = await CreateLoader(sqlite, folder).LoadIfEmptyAsync(CancellationToken.None);

        output.WriteLine($"Synthea seed: {result.ResourceCount} resources, {result.ErrorCount} errors in {result.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(0, result.ErrorCount);
        Assert.True(result.ResourceCount > 10000, $"Imported {result.ResourceCount} resources.");
        foreach (var id in await sqlite.ListIdsAsync("Observation"))
        {
            var stored = await sqlite.Store.ReadAsync("Observation", id, CancellationToken.None);
            Assert.DoesNotContain("\"urn:uuid:", Encoding.UTF8.GetString(stored!.Json.Span));
        }
    }

    private static SeedLoader CreateLoader(SqliteStore sqlite, string seed) => new(
        sqlite.ScopeFactory,
        Options.Create(new SeedOptions { Seed = seed, SeedReferenceDate = PopulationFixture.ReferenceDate }),
        TimeProvider.System,
        NullLogger<SeedLoader>.Instance);

    private const string TransactionWithUrnReference = """
        {
          "resourceType": "Bundle",
          "type": "transaction",
          "entry": [
            {
              "fullUrl": "urn:uuid:8d6f6a4e-1c59-4bd1-9d3b-5c8a3e0f4a11",
              "resource": { "resourceType": "Patient", "id": "pat-1", "gender": "female" },
              "request": { "method": "POST", "url": "Patient" }
            },
            {
              "fullUrl": "urn:uuid:0b4c1d7e-7e0a-4f3b-8d55-2a6d9a1c3f22",
              "resource": {
                "resourceType": "Observation",
                "id": "obs-1",
                "status": "final",
                "code": { "text": "Note" },
                "subject": { "reference": "urn:uuid:8d6f6a4e-1c59-4bd1-9d3b-5c8a3e0f4a11" }
              },
              "request": { "method": "POST", "url": "Observation" }
            }
          ]
        }
        """;
}
