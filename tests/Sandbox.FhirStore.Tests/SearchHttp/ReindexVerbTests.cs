using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Tests.Durability;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>The <c>reindex</c> verb on a data folder whose index rows were deleted.</summary>
public sealed class ReindexVerbTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-reindex-").FullName;

    /// <summary>
    /// Deleting the rows of one index table simulates a store written before that table
    /// existed or before its indexing changed. The search finds nothing until the verb runs.
    /// </summary>
    [Theory]
    [InlineData("search_token", "Observation?code=http://loinc.org|8867-4", "obs-hr")]
    [InlineData("search_quantity_canonical", "Observation?value-quantity=5400|http://unitsofmeasure.org|g", "obs-weight")]
    public async Task ReindexVerb_DeletedIndexRows_SearchesWorkAgain(string table, string query, string expected)
    {
        await WriteFixtureAsync();
        await DeleteIndexRowsAsync(table);
        var broken = await SearchAsync(query);

        int exitCode;
        List<string> output;
        using (var process = SandboxProcess.Start("reindex", "--data", _dataFolder))
        {
            exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output = [.. process.OutputLines];
        }

        var repaired = await SearchAsync(query);
        Assert.Equal(string.Empty, broken);
        Assert.Equal(0, exitCode);
        var summary = $"Re-indexed {SearchFixtureData.Build(new Uri("http://127.0.0.1/fhir")).Entry.Count} resources";
        Assert.Contains(output, line => line.StartsWith(summary, StringComparison.Ordinal));
        Assert.Equal(expected, repaired);
    }

    [Fact]
    public async Task ReindexVerb_StrayArgument_Exits2()
    {
        using var process = SandboxProcess.Start("reindex", "extra", "--data", _dataFolder);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
    }

    private async Task WriteFixtureAsync()
    {
        await using var server = await StartAsync();
        var client = FhirTestClient.For(server);
        using var response = await client.PostAsync(string.Empty, SearchFixtureData.Build(server.FhirBase));
        client.Http.Dispose();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task DeleteIndexRowsAsync(string table)
    {
        var path = Path.Combine(_dataFolder, Sandbox.FhirStore.Storage.Sqlite.SqliteDatabase.FileName);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table}";
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<string> SearchAsync(string relative)
    {
        await using var server = await StartAsync();
        var client = FhirTestClient.For(server);
        var bundle = await SearchHttp.GetBundleAsync(client, relative);
        client.Http.Dispose();
        return SearchHttp.Ids(bundle);
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
