using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>Indexes the Synthea bundles and runs the searches SMART apps send most over them.</summary>
public sealed class SyntheaSearchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SearchTestStore _store = new();
    private string _patientId = string.Empty;

    public System.Threading.Tasks.Task InitializeAsync() => System.Threading.Tasks.Task.CompletedTask;

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [SyntheaFact]
    public async System.Threading.Tasks.Task Import_AllBundles_IndexesEveryResource()
    {
        var count = await ImportAsync();

        var bundle = await _store.SearchAsync(null, "_summary=count");

        Assert.True(count > 10_000, $"only {count} resources were read");
        Assert.True(bundle.Total > 10_000);
    }

    [SyntheaFact]
    public async System.Threading.Tasks.Task VitalSigns_NewestFirst_SortedAndScoped()
    {
        await ImportAsync();

        var bundle = await _store.SearchAsync("Observation", $"patient={_patientId}&category=vital-signs&_sort=-date&_count=50");

        var observations = bundle.Entry.Select(entry => (Observation)entry.Resource!).ToList();
        Assert.NotEmpty(observations);
        Assert.All(observations, observation => Assert.Equal($"Patient/{_patientId}", observation.Subject!.Reference));
        var dates = observations.Select(observation => ((FhirDateTime)observation.Effective!).ToDateTimeOffset(TimeSpan.Zero)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [SyntheaFact]
    public async System.Threading.Tasks.Task CommonQueries_ReturnMatches()
    {
        await ImportAsync();
        string[] queries =
        [
            $"Observation?patient={_patientId}&code=http://loinc.org|8302-2",
            $"Condition?patient={_patientId}&clinical-status=active",
            $"Encounter?patient={_patientId}&_sort=-date",
            $"MedicationRequest?patient={_patientId}&_include=MedicationRequest:medication",
            "Patient?name=a&birthdate=ge1960",
        ];

        foreach (var query in queries)
        {
            var parts = query.Split('?');
            var watch = Stopwatch.StartNew();
            var bundle = await _store.SearchAsync(parts[0], parts[1]);
            output.WriteLine($"{query}: {bundle.Total} matches in {watch.ElapsedMilliseconds} ms");

            Assert.True(bundle.Total > 0, query);
        }
    }

    private async Task<int> ImportAsync()
    {
        var documents = SyntheaLoader.ReadBundles().ToList();
        var watch = Stopwatch.StartNew();
        var processorStart = Process.GetCurrentProcess().TotalProcessorTime;
        var count = 0;
        await using var connection = await _store.Database.OpenConnectionAsync(CancellationToken.None);
        foreach (var resources in documents)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var resource in resources)
                await _store.SaveAsync(transaction, resource);

            await transaction.CommitAsync();
            count += resources.Count;
            _patientId = resources.OfType<Patient>().FirstOrDefault()?.Id ?? _patientId;
        }

        var processorSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processorStart).TotalSeconds;
        output.WriteLine(
            $"Stored and indexed {count} parsed resources in {watch.Elapsed.TotalSeconds:F1} s wall time, " +
            $"{processorSeconds:F1} s processor time ({count / processorSeconds:F0} per processor second).");
        return count;
    }
}
