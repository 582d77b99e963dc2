using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Sandbox.Testing;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// A data folder from a version that stored the Patient deceased token as "True" or
/// "False", the C# spelling of a FHIRPath boolean, opened by the current version.
/// </summary>
public sealed class BooleanTokenUpgradeTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-boolean-token-").FullName;

    [Fact]
    public async Task Start_OldDeceasedRows_SearchMatches()
    {
        await CreatePatientAsync(new Patient { Id = "died", Deceased = new FhirDateTime("2020-03-04") });
        await ExecuteAsync("UPDATE search_token SET code = 'True' WHERE param = 'deceased' AND code = 'true'");

        await using var server = await StartAsync();
        var client = FhirTestClient.For(server);
        var bundle = await SearchHttp.GetBundleAsync(client, "Patient?deceased=true");
        client.Http.Dispose();

        Assert.Equal("died", SearchHttp.Ids(bundle));
    }

    private async Task CreatePatientAsync(Patient patient)
    {
        await using var server = await StartAsync();
        var client = FhirTestClient.For(server);
        using var response = await client.PutAsync($"Patient/{patient.Id}", patient);
        client.Http.Dispose();
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    private async Task ExecuteAsync(string sql)
    {
        var path = Path.Combine(_dataFolder, Sandbox.FhirStore.Storage.Sqlite.SqliteDatabase.FileName);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private Task<SandboxServer> StartAsync() =>
        SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, DataFolder = _dataFolder });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
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
