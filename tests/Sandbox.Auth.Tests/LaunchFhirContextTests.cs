using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>A fhirContext item's <c>reference</c> is a relative reference (SMART App Launch 2.2).</summary>
public sealed class LaunchFhirContextTests(LaunchFhirContextTests.Host host) : IClassFixture<LaunchFhirContextTests.Host>
{
    public static TheoryData<string> InvalidReferences =>
    [
        "\"not a ref\"",
        "\"Observation\"",
        "\"Foo/1\"",
        "\"Observation/bad id\"",
        "\"Observation/1/_history\"",
        "\"http://127.0.0.1:9/fhir/Observation/1\"",
        "\"\"",
        "42",
        "null",
        "{\"reference\":\"Observation/1\"}",
    ];

    [Theory]
    [MemberData(nameof(InvalidReferences))]
    public async Task Launch_InvalidReference_Returns400(string reference)
    {
        var body = LaunchBody(reference);

        var (status, detail) = await PostAsync("/api/launches", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("fhirContext[1].reference", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlessLaunch_InvalidReference_Returns400()
    {
        var body = LaunchBody("\"not a ref\"");
        body["clientId"] = "app";
        body["scope"] = "launch patient/*.rs";
        body["user"] = AuthFixture.PractitionerUser;

        var (status, detail) = await PostAsync("/api/launches/headless", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("fhirContext[1].reference", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Observation/o-1")]
    [InlineData("Observation/o-1/_history/2")]
    public async Task Launch_RelativeReference_IsCreated(string reference)
    {
        var body = LaunchBody(JsonValue.Create(reference).ToJsonString());

        var response = await host.Fixture.Client.PostAsJsonAsync("/api/launches", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    // The first item is valid, so the detail must name the second.
    private static JsonObject LaunchBody(string reference) => new()
    {
        ["patient"] = AuthFixture.PatientId,
        ["fhirContext"] = new JsonArray(
            new JsonObject { ["reference"] = "Condition/c-1" },
            new JsonObject { ["reference"] = JsonNode.Parse(reference), ["role"] = "http://127.0.0.1:9/role" }),
    };

    private async Task<(HttpStatusCode Status, string Detail)> PostAsync(string path, JsonObject body)
    {
        var response = await host.Fixture.Client.PostAsJsonAsync(path, body);
        var problem = await AuthFixture.ReadJsonAsync(response);
        return (response.StatusCode, problem["detail"]?.GetValue<string>() ?? "");
    }

    public sealed class Host : IAsyncLifetime
    {
        internal AuthFixture Fixture { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Fixture = await AuthFixture.StartAsync();
            await Fixture.RegisterPublicAppAsync("app");
        }

        public async Task DisposeAsync() => await Fixture.DisposeAsync();
    }
}
