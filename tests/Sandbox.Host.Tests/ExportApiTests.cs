using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

public sealed class ExportApiTests : IAsyncLifetime
{
    private SandboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default", OpenFhir = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Export_Bundle_RoundTripsThroughImport()
    {
        var exported = await ExportBundleAsync();
        var keys = EntryKeys(exported);
        await ResetToEmptyAsync();

        await ImportAsync(Encoding.UTF8.GetBytes(exported.ToJsonString()), "application/fhir+json");

        var reimported = EntryKeys(await ExportBundleAsync());
        Assert.True(keys.Count > 1000, $"The seed export had only {keys.Count} resources.");
        Assert.Equal(keys.Count, reimported.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), reimported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_Ndjson_RoundTripsThroughImport()
    {
        var before = EntryKeys(await ExportBundleAsync());
        var files = await ExportNdjsonAsync();
        await ResetToEmptyAsync();

        await ImportAsync(Encoding.UTF8.GetBytes(string.Concat(files.Values)), "application/fhir+ndjson");

        var after = EntryKeys(await ExportBundleAsync());
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_Ndjson_WritesOneFilePerType()
    {
        var files = await ExportNdjsonAsync();

        Assert.Contains("Patient.ndjson", files.Keys);
        Assert.Contains("Observation.ndjson", files.Keys);
        foreach (var (name, text) in files)
        {
            var type = name[..^".ndjson".Length];
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.Equal(type, JsonNode.Parse(line)!["resourceType"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Export_Bundle_LeavesOutDeletedResource()
    {
        var patientId = EntryKeys(await ExportBundleAsync()).First(key => key.StartsWith("Patient/", StringComparison.Ordinal));
        var deleted = await _server.Client.DeleteAsync($"fhir/{patientId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var keys = EntryKeys(await ExportBundleAsync());

        Assert.DoesNotContain(patientId, keys);
    }

    [Fact]
    public async Task Export_Bundle_IsTransactionOfPuts()
    {
        using var response = await _server.Client.GetAsync("api/export?format=bundle");
        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("transaction", bundle["type"]!.GetValue<string>());
        Assert.All(bundle["entry"]!.AsArray(), entry => Assert.Equal("PUT", entry!["request"]!["method"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400Problem()
    {
        using var response = await _server.Client.GetAsync("api/export?format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("'csv'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_EmptyStore_ReturnsEmptyArchive()
    {
        await ResetToEmptyAsync();

        var files = await ExportNdjsonAsync();

        Assert.Empty(files);
    }

    [Fact]
    public async Task OpenApi_Document_ListsExport()
    {
        var document = await _server.Client.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        var export = document!["paths"]!["/api/export"]!["get"]!;
        Assert.Contains(export["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "format");
    }

    [Fact]
    public async Task Export_WithoutAdminKey_Returns401()
    {
        await using var guarded = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", AdminApiKey = "export-test-key" });
        using var anonymous = guarded.CreateClient();

        using var response = await anonymous.GetAsync("api/export?format=bundle");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonNode> ExportBundleAsync()
    {
        using var response = await _server.Client.GetAsync("api/export?format=bundle");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<Dictionary<string, string>> ExportNdjsonAsync()
    {
        using var response = await _server.Client.GetAsync("api/export?format=ndjson");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    private static List<string> EntryKeys(JsonNode bundle) =>
        (bundle["entry"]?.AsArray() ?? [])
            .Select(entry => entry!["request"]!["url"]!.GetValue<string>())
            .ToList();

    private async Task ResetToEmptyAsync()
    {
        using var response = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
        response.EnsureSuccessStatusCode();
    }

    private async Task ImportAsync(byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var started = await _server.Client.PostAsync("api/import?name=export", content);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString.TrimStart('/');

        for (var attempt = 0; attempt < 600; attempt++)
        {
            var status = await _server.Client.GetFromJsonAsync<JsonObject>(location);
            var state = status!["state"]!.GetValue<string>();
            if (state != "running")
            {
                Assert.Equal("completed", state);
                Assert.Equal(0, status["errors"]!.GetValue<int>());
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("The import did not finish within 120 s.");
    }
}
