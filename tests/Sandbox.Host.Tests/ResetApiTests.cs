using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

public sealed class ResetApiTests : IAsyncLifetime
{
    private SandboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default", OpenFhir = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reset_ToEmpty_RemovesEveryPatient()
    {
        var response = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountPatientsAsync());
    }

    [Fact]
    public async Task Reset_ToSeed_RestoresDeletedPatient()
    {
        var id = await FirstPatientIdAsync();
        var deleted = await _server.Client.DeleteAsync($"fhir/Patient/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var response = await _server.Client.PostAsync("api/reset", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await _server.Client.GetAsync($"fhir/Patient/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Reset_ToSeed_RemovesAddedPatient()
    {
        using var body = new StringContent("""{"resourceType":"Patient","id":"added-by-test"}""", Encoding.UTF8, "application/fhir+json");
        var created = await _server.Client.PutAsync("fhir/Patient/added-by-test", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await _server.Client.PostAsJsonAsync("api/reset", new { to = "Seed" });

        var read = await _server.Client.GetAsync("fhir/Patient/added-by-test");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("{\"to\":5}")]
    [InlineData("{\"to\":1}")]
    [InlineData("{\"to\":\"1\"}")]
    public async Task Reset_IntegerTarget_Returns400AndKeepsStore(string body)
    {
        using var added = new StringContent("""{"resourceType":"Patient","id":"kept-by-test"}""", Encoding.UTF8, "application/fhir+json");
        Assert.Equal(HttpStatusCode.Created, (await _server.Client.PutAsync("fhir/Patient/kept-by-test", added)).StatusCode);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _server.Client.PostAsync("api/reset", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var read = await _server.Client.GetAsync("fhir/Patient/kept-by-test");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Reset_ToSeed_KeepsPatientCount()
    {
        var before = await CountPatientsAsync();

        var response = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Seed" });

        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(result!["resourceCount"]!.GetValue<int>() > before);
        Assert.Equal(before, await CountPatientsAsync());
    }

    [Fact]
    public async Task Reset_ToEmpty_RemovesSeedPersonas()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("api/personas/dr.mitchell")).StatusCode);

        var response = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var personas = await _server.Client.GetFromJsonAsync<JsonArray>("api/personas");
        var usernames = personas!.Select(persona => persona!["username"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("dr.mitchell", usernames);
        Assert.DoesNotContain("ava", usernames);
        Assert.DoesNotContain("lucia", usernames);
    }

    // A persona added through the admin API may name a resource that the test creates later,
    // so a reset keeps it whatever the store contains.
    [Fact]
    public async Task Reset_ToEmpty_KeepsAddedPersona()
    {
        var added = await _server.Client.PostAsJsonAsync("api/personas", new
        {
            username = "dr-ci",
            displayName = "Dr CI",
            role = "Practitioner",
            fhirUser = "Practitioner/dr-ci",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });

        var read = await _server.Client.GetAsync("api/personas/dr-ci");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Reset_ToEmpty_KeepsReplacedSeedUsername()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Client.DeleteAsync("api/personas/dr.mitchell")).StatusCode);
        var replaced = await _server.Client.PostAsJsonAsync("api/personas", new
        {
            username = "dr.mitchell",
            displayName = "Dr Mitchell, replaced",
            role = "Practitioner",
            fhirUser = "Practitioner/replaced-by-test",
        });
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);

        await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });

        var persona = await _server.Client.GetFromJsonAsync<JsonObject>("api/personas/dr.mitchell");
        Assert.Equal("Practitioner/replaced-by-test", persona!["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_EmptyThenSeed_RestoresSeedPersonas()
    {
        await _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("api/personas/ava")).StatusCode);

        var response = await _server.Client.PostAsJsonAsync("api/reset", new { to = "Seed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var persona = await _server.Client.GetFromJsonAsync<JsonObject>("api/personas/ava");
        var fhirUser = persona!["fhirUser"]!.GetValue<string>();
        Assert.Equal("Patient/p-ava-thompson", fhirUser);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync($"fhir/{fhirUser}")).StatusCode);
    }

    [Fact]
    public async Task Reset_WhileReading_NeverShowsPartialStore()
    {
        var seeded = await CountPatientsAsync();
        var reset = _server.Client.PostAsJsonAsync("api/reset", new { to = "Seed" });
        var observed = new List<int>();

        for (var i = 0; i < 200 && !reset.IsCompleted; i++)
            observed.Add(await CountPatientsAsync());

        Assert.Equal(HttpStatusCode.OK, (await reset).StatusCode);
        Assert.NotEmpty(observed);
        Assert.All(observed, count => Assert.Equal(seeded, count));
    }

    [Fact]
    public async Task Reset_InvalidBody_Returns400Problem()
    {
        using var body = new StringContent("""{"to":"Sometimes"}""", Encoding.UTF8, "application/json");

        var response = await _server.Client.PostAsync("api/reset", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Reset_TextBody_Returns415Problem()
    {
        using var body = new StringContent("Empty", Encoding.UTF8, "text/plain");

        var response = await _server.Client.PostAsync("api/reset", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("Empty")]
    [InlineData("Seed")]
    public async Task Reset_PagingLinkFromBefore_Returns410(string target)
    {
        var page = await _server.Client.GetFromJsonAsync<JsonObject>("fhir/Observation?_count=10");
        var next = page!["link"]!.AsArray().Single(link => link!["relation"]!.GetValue<string>() == "next")!["url"]!.GetValue<string>();
        var reset = await _server.Client.PostAsJsonAsync("api/reset", new { to = target });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var response = await _server.Client.GetAsync(next);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("before the store was reset", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_ListsReset()
    {
        var document = await _server.Client.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        Assert.NotNull(document!["paths"]!["/api/reset"]);
    }

    [Fact]
    public async Task Reset_DuringImport_CancelsJobAndStaysEmpty()
    {
        var lines = Enumerable.Range(0, 100_000).Select(index => $"{{\"resourceType\":\"Patient\",\"id\":\"bulk-{index}\"}}");
        using var body = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/fhir+ndjson");
        var (job, hold) = await ImportJobPolling.StartAndHoldAfterFirstCommitAsync(_server, body);
        Task<HttpResponseMessage> resetting;
        await using (hold)
        {
            resetting = _server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" });
            await ImportJobPolling.WaitForEndAsync(_server.Client, job);
        }

        using var reset = await resetting;
        var status = await _server.Client.GetFromJsonAsync<JsonObject>(job);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("cancelled", status!["state"]!.GetValue<string>());
        Assert.Contains("the store was reset", status["messages"]![0]!.GetValue<string>());
        Assert.Equal(0, await CountPatientsAsync());
        var later = await _server.Client.GetFromJsonAsync<JsonObject>(job);
        Assert.Equal("cancelled", later!["state"]!.GetValue<string>());
    }

    private async Task<int> CountPatientsAsync()
    {
        var bundle = await _server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_summary=count");
        return bundle!["total"]!.GetValue<int>();
    }

    private async Task<string> FirstPatientIdAsync()
    {
        var bundle = await _server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_count=1");
        return bundle!["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
    }
}
