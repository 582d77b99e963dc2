using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>A fhirContext item's <c>reference</c> is a relative reference (SMART App Launch 2.2).</summary>
public sealed class LaunchFhirContextTests(PublicAppHost host) : IClassFixture<PublicAppHost>
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

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches", body);

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

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches/headless", body);

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
}
