using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Pages;

public sealed class DataPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Reset_ToEmpty_EmptiesStore()
    {
        Assert.True(await CountAsync("Patient") > 0);

        using var response = await _ehr.SubmitAsync("data", new() { ["to"] = "Empty", ["confirm"] = "true" }, "Reset");
        var page = await _ehr.Client.GetStringAsync(response.Headers.Location);

        Assert.Contains("it now contains 0 resources", page);
        Assert.Equal(0, await CountAsync("Patient"));
        Assert.Equal(0, await CountAsync("Observation"));
    }

    [Fact]
    public async Task Reset_ToSeed_RefillsStore()
    {
        var seeded = await CountAsync("Patient");
        using (var emptied = await _ehr.Server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" }))
            emptied.EnsureSuccessStatusCode();

        using var response = await _ehr.SubmitAsync("data", new() { ["to"] = "Seed", ["confirm"] = "true" }, "Reset");
        var page = await _ehr.Client.GetStringAsync(response.Headers.Location);

        Assert.Contains("The store was reset to the seed (default)", page);
        Assert.Equal(seeded, await CountAsync("Patient"));
    }

    [Fact]
    public async Task Reset_Posted_RedirectsToDataPage()
    {
        using var response = await _ehr.SubmitAsync("data", new() { ["to"] = "Seed", ["confirm"] = "true" }, "Reset");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/data", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Reset_ReloadAfterRedirect_ShowsNoResult()
    {
        using var response = await _ehr.SubmitAsync("data", new() { ["to"] = "Seed", ["confirm"] = "true" }, "Reset");
        await _ehr.Client.GetStringAsync(response.Headers.Location);

        var reloaded = await _ehr.Client.GetStringAsync(response.Headers.Location);

        Assert.DoesNotContain("id=\"reset-result\"", reloaded);
    }

    [Fact]
    public async Task Import_UploadOverKestrelDefault_StartsJob()
    {
        // Kestrel's default body limit is 30,000,000 bytes, and the page accepts up to 64 MiB.
        var padding = new string(' ', 31 * 1024 * 1024);
        var bundle = """{"resourceType":"Bundle","type":"collection","entry":["""
            + padding
            + """{"resource":{"resourceType":"Patient","id":"large-upload"}}]}""";
        var html = await _ehr.Client.GetStringAsync("data");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HtmlForms.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(bundle)), "upload", "large.json" },
        };

        using var posted = await _ehr.Client.PostAsync("data?handler=Import", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await WaitForJobAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("id=\"import-state\">completed<", page);
    }

    [Fact]
    public async Task Import_InvalidJson_ShowsFailedWithOnePosition()
    {
        var html = await _ehr.Client.GetStringAsync("data");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HtmlForms.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new ByteArrayContent("this is not json <b>"u8.ToArray()), "upload", "bad.json" },
        };
        using var posted = await _ehr.Client.PostAsync("data?handler=Import", form);

        var page = await WaitForJobAsync(posted.Headers.Location!.OriginalString);

        Assert.Contains("class=\"pill pill-failed\" id=\"import-state\">failed<", page);
        Assert.Contains("at line 1, byte 2", page);
        Assert.DoesNotContain("BytePositionInLine", page);
    }

    [Fact]
    public async Task Reset_WithoutConfirmation_KeepsStore()
    {
        var before = await CountAsync("Patient");

        using var response = await _ehr.SubmitAsync("data", new() { ["to"] = "Empty" }, "Reset");

        Assert.Contains("The store was not reset", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync("Patient"));
    }

    [Fact]
    public async Task Reset_WithoutAntiforgeryToken_Returns400()
    {
        using var response = await _ehr.Client.PostAsync("data?handler=Reset", new FormUrlEncodedContent(new Dictionary<string, string> { ["to"] = "Empty", ["confirm"] = "true" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await CountAsync("Patient") > 0);
    }

    [Fact]
    public async Task Export_Ndjson_DownloadsZipOfStore()
    {
        using var response = await _ehr.Client.GetAsync("data?handler=Export&format=ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var archive = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var patients = archive.GetEntry("Patient.ndjson");
        Assert.NotNull(patients);
        using var reader = new StreamReader(patients.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(await CountAsync("Patient"), lines.Length);
    }

    [Fact]
    public async Task Export_Bundle_CountsEveryPatient()
    {
        using var response = await _ehr.Client.GetAsync("data?handler=Export&format=bundle");

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var patients = bundle["entry"]!.AsArray().Count(entry => entry!["resource"]!["resourceType"]!.GetValue<string>() == "Patient");
        Assert.Equal(await CountAsync("Patient"), patients);
    }

    [Fact]
    public async Task Export_UnknownFormat_ShowsError()
    {
        using var response = await _ehr.Client.GetAsync("data?handler=Export&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Export format &#x27;xlsx&#x27; is not supported", await response.Content.ReadAsStringAsync());
    }

    // The job page reloads itself while the import runs; a test reads it until it stops doing so.
    private async Task<string> WaitForJobAsync(string jobUrl)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var page = await _ehr.Client.GetStringAsync(jobUrl);
            if (!page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
                return page;

            await Task.Delay(100);
        }

        throw new TimeoutException($"The import job at {jobUrl} was still running after 10 seconds.");
    }

    private async Task<int> CountAsync(string type)
    {
        var bundle = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>($"fhir/{type}?_summary=count");
        return bundle!["total"]!.GetValue<int>();
    }
}
