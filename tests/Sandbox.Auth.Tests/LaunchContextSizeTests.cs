using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Launch creation rejects a context too large for the tokens that carry it. A context at the
/// limit still gives a token that reads FHIR data.
/// </summary>
public sealed class LaunchContextSizeTests(LaunchExtraTests.Host host) : IClassFixture<LaunchExtraTests.Host>
{
    private const int TooLarge = 40_000;

    [Theory]
    [InlineData("/api/launches", "tenant")]
    [InlineData("/api/launches", "intent")]
    [InlineData("/api/launches/headless", "tenant")]
    public async Task Launch_LargeValue_Returns400(string path, string member)
    {
        var body = path.EndsWith("headless", StringComparison.Ordinal) ? LaunchExtraTests.HeadlessBody() : new JsonObject();
        body[member] = new string('t', TooLarge);

        var (status, detail) = await host.Fixture.PostForProblemAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"The launch context is {TooLarge} bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_LargeExtraAndContext_Returns400()
    {
        var body = new JsonObject
        {
            ["extra"] = new JsonObject { ["custom_param"] = new string('e', 5_000) },
            ["fhirContext"] = new JsonArray(new JsonObject { ["canonical"] = "http://example.org/" + new string('c', 5_000) }),
        };

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"more than the {8 * 1024} allowed", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headless_ContextAtLimit_ReadsPatient()
    {
        var body = LaunchExtraTests.HeadlessBody();
        body["tenant"] = new string('t', 8 * 1024);

        var response = await host.Fixture.Client.PostAsJsonAsync("/api/launches/headless", body);
        var token = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"{host.Fixture.FhirBase}/Patient/{AuthFixture.PatientId}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());
        using var fhir = await host.Fixture.Client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
    }
}
