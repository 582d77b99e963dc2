using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>The members of fhirContext items that SMART App Launch 2.2 defines are checked when a launch is created.</summary>
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

    // Each item and the member that the 400's detail must name.
    public static TheoryData<string, string> InvalidItems => new()
    {
        { """{"canonical":"Questionnaire/intake"}""", "fhirContext[1].canonical" },
        { """{"canonical":"/Questionnaire/intake"}""", "fhirContext[1].canonical" },
        { """{"canonical":"http://127.0.0.1:9/Questionnaire/intake|"}""", "fhirContext[1].canonical" },
        { """{"canonical":7}""", "fhirContext[1].canonical" },
        { """{"identifier":"MRN-1"}""", "fhirContext[1].identifier" },
        { """{"identifier":{"system":"http://127.0.0.1:9/mrn"}}""", "fhirContext[1].identifier" },
        { """{"identifier":{"system":"mrn","value":"1"}}""", "fhirContext[1].identifier" },
        { """{"canonical":"http://127.0.0.1:9/Questionnaire/intake","type":"Form"}""", "fhirContext[1].type" },
        { """{"reference":"Observation/o-1","type":"Condition"}""", "fhirContext[1].type" },
        { """{"reference":"Observation/o-1","role":"reviewer"}""", "fhirContext[1].role" },
        { """{"reference":"Observation/o-1","role":""}""", "fhirContext[1].role" },
        { """{"reference":"Patient/p-2"}""", "fhirContext[1] has the role 'launch' for a resource of type Patient" },
        { """{"reference":"Encounter/e-1","role":"launch"}""", "fhirContext[1] has the role 'launch' for a resource of type Encounter" },
        { """{"identifier":{"value":"E-1"},"type":"Encounter"}""", "fhirContext[1] has the role 'launch' for a resource of type Encounter" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Launch_InvalidItem_Returns400NamingMember(string item, string named)
    {
        var body = LaunchBodyWith(JsonNode.Parse(item)!.AsObject());

        var (status, detail) = await host.Fixture.PostForProblemAsync("/api/launches", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/launches")]
    [InlineData("/api/launches/headless")]
    public async Task Launch_NullItem_Returns400(string path)
    {
        var body = new JsonObject
        {
            ["clientId"] = "app",
            ["user"] = AuthFixture.PractitionerUser,
            ["patient"] = AuthFixture.PatientId,
            ["fhirContext"] = new JsonArray(new JsonObject { ["reference"] = "Condition/c-1" }, null),
        };
        if (path.EndsWith("/headless", StringComparison.Ordinal))
            body["scope"] = "launch patient/*.rs";

        var (status, detail) = await host.Fixture.PostForProblemAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("fhirContext[1] is null", detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> ValidItems =>
    [
        """{"canonical":"http://127.0.0.1:9/Questionnaire/intake","type":"Questionnaire"}""",
        """{"canonical":"http://127.0.0.1:9/Questionnaire/intake|2.0"}""",
        """{"identifier":{"system":"http://127.0.0.1:9/mrn","value":"1"},"type":"ServiceRequest"}""",
        """{"identifier":{"value":"1"}}""",
        """{"reference":"Observation/o-1","type":"Observation","role":"launch"}""",
        """{"reference":"Patient/p-2","role":"http://127.0.0.1:9/roles/sibling"}""",
        """{"reference":"Encounter/e-1","role":"urn:example:previous"}""",

        // SMART App Launch 2.2 requires at least one of reference, canonical and identifier, so an item may carry several.
        """{"reference":"Questionnaire/q-1","canonical":"http://127.0.0.1:9/Questionnaire/intake|2.0","type":"Questionnaire"}""",
        """{"reference":"ServiceRequest/s-1","canonical":"http://127.0.0.1:9/ServiceRequest/s-1","identifier":{"value":"1"}}""",
    ];

    [Theory]
    [MemberData(nameof(ValidItems))]
    public async Task HeadlessLaunch_ValidItem_ReachesTokenResponse(string item)
    {
        var body = LaunchBodyWith(JsonNode.Parse(item)!.AsObject());
        body["clientId"] = "app";
        body["scope"] = "launch patient/*.rs";
        body["user"] = AuthFixture.PractitionerUser;

        var response = await host.Fixture.Client.PostAsJsonAsync("/api/launches/headless", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(item), tokens!["fhirContext"]![1]), tokens.ToJsonString());
    }

    // The first item is valid, so the detail must name the second.
    private static JsonObject LaunchBody(string reference) =>
        LaunchBodyWith(new JsonObject { ["reference"] = JsonNode.Parse(reference), ["role"] = "http://127.0.0.1:9/role" });

    private static JsonObject LaunchBodyWith(JsonObject item) => new()
    {
        ["patient"] = AuthFixture.PatientId,
        ["fhirContext"] = new JsonArray(new JsonObject { ["reference"] = "Condition/c-1" }, item),
    };
}
