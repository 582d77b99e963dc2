using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Storage.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>
/// A snapshot written in bulk must contain the rows that writing the resources one by one
/// gives, search index included, and a bulk write must reject a list that names a resource twice.
/// </summary>
public sealed class SnapshotBulkWriteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snapshot-bulk-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CreateAsync_BulkWrite_MatchesWritesOneByOne()
    {
        var oneByOne = Path.Combine(_folder, "one-by-one.db");
        var bulk = Path.Combine(_folder, "bulk.db");
        await SqliteStoreSnapshot.CreateAsync(oneByOne, WriteOneByOneAsync, CancellationToken.None);

        await SqliteStoreSnapshot.CreateAsync(bulk, CreateResources, CancellationToken.None);

        Assert.Equal(await ReadRowsAsync(oneByOne), await ReadRowsAsync(bulk));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_ThrowsAndWritesNoFile()
    {
        var path = Path.Combine(_folder, "duplicate.db");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => SqliteStoreSnapshot.CreateAsync(path, () => [new Patient { Id = "twice" }, new Patient { Id = "twice" }], CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static async Task<int> WriteOneByOneAsync(Sandbox.FhirStore.Storage.IStoreTransaction transaction, CancellationToken cancellationToken)
    {
        var resources = CreateResources();
        foreach (var resource in resources)
            await transaction.SaveAsync(resource, cancellationToken);

        return resources.Count;
    }

    // Covers string, token, reference, date, quantity (UCUM, so canonical rows too) and
    // compartment rows, and a resource that names a profile in its meta.
    private static List<Resource> CreateResources()
    {
        var resources = new List<Resource>
        {
            new Patient
            {
                Id = "p-bulk",
                Name = [new HumanName { Family = "Müller-Schmidt", Given = ["Anna-Lena"] }],
                BirthDate = "1974-03-02",
                Gender = AdministrativeGender.Female,
            },
        };
        for (var index = 0; index < 40; index++)
        {
            resources.Add(new Observation
            {
                Id = "obs-bulk-" + index.ToString(CultureInfo.InvariantCulture),
                Meta = new Meta { Profile = ["http://hl7.org/fhir/StructureDefinition/vitalsigns"] },
                Status = ObservationStatus.Final,
                Code = new CodeableConcept("http://loinc.org", "2339-0", "Glucose"),
                Subject = new ResourceReference("Patient/p-bulk"),
                Effective = new FhirDateTime(2026, 1, 1 + (index % 28), 8, 15, 0, TimeSpan.Zero),
                Value = new Quantity(90 + index, "mg/dL") { System = "http://unitsofmeasure.org", Code = "mg/dL" },
            });
        }

        return resources;
    }

    private static async Task<List<string>> ReadRowsAsync(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(index => FormatValue(reader, index));
                rows.Add(table + ": " + string.Join(" | ", values));
            }
        }

        // Some tables have no rowid, so rows are compared in sorted order. Every row contains
        // its resource key, so a row of another resource still differs.
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    // The storage class is part of the value, so that TEXT '5' and INTEGER 5 differ.
    private static string FormatValue(SqliteDataReader reader, int index) =>
        reader.GetDataTypeName(index) + ":" + reader.GetValue(index) switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString(),
        };
}
