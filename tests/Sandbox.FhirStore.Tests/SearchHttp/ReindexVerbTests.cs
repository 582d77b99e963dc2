using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Tests.Durability;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>The <c>reindex</c> verb on a data folder whose token index rows were deleted.</summary>
public sealed class ReindexVerbTests : IDisposable
{
    private const string Query = "Observation?code=http://loinc.org|8867-4";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-reindex-").FullName;

    [Fact]
    public async Task ReindexVerb_DeletedIndexRows_SearchesWorkAgain()
    {
        await WriteFixtureAsync();
        await DeleteIndexRowsAsync("search_token");
        var broken = await SearchAsync(Query);

        int exitCode;
        List<string> output;
        using (var process = SandboxProcess.Start("reindex", "--data", _dataFolder))
        {
            exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output = [.. process.OutputLines];
        }

        var repaired = await SearchAsync(Query);
        Assert.Equal(string.Empty, broken);
        Assert.Equal(0, exitCode);
        var expected = $"Re-indexed {SearchFixtureData.Build(new Uri("http://127.0.0.1/fhir")).Entry.Count} resources";
        Assert.Contains(output, line => line.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal("obs-hr", repaired);
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
