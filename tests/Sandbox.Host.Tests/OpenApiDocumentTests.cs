using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>The OpenAPI document that the real host serves matches what the admin API returns.</summary>
public sealed partial class OpenApiDocumentTests(OpenApiDocumentTests.Document document) : IClassFixture<OpenApiDocumentTests.Document>
{
    private JsonObject Paths => document.Root["paths"]!.AsObject();

    private JsonObject Schemas => document.Root["components"]!["schemas"]!.AsObject();

    private JsonObject SecuritySchemes => document.Root["components"]?["securitySchemes"]?.AsObject() ?? [];

    [Fact]
    public void Reset_DocumentsOptionalBody()
    {
        var body = Paths["/api/reset"]!["post"]!["requestBody"];

        Assert.NotNull(body);
        var schema = body!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.EndsWith("/ResetRequest", schema);
        Assert.NotEqual(true, body["required"]?.GetValue<bool>());
    }

    [Fact]
    public void Reset_DescribesSeedFolderImport()
    {
        var description = Paths["/api/reset"]!["post"]!["description"]!.GetValue<string>();

        Assert.Contains("file by file", description);
        Assert.DoesNotContain("writes the configured seed in one transaction", description);
    }

    [Theory]
    [InlineData("application/zip")]
    [InlineData("application/fhir+json")]
    public void Export_Documents200Content(string contentType)
    {
        var content = Paths["/api/export"]!["get"]!["responses"]!["200"]!["content"];

        Assert.NotNull(content);
        Assert.NotNull(content![contentType]);
    }

    [Theory]
    [InlineData("/auth/token")]
    [InlineData("/auth/authorize")]
    [InlineData("/fhir/.well-known/smart-configuration")]
    public void ProtocolEndpoints_AreNotListed(string path)
    {
        Assert.False(Paths.ContainsKey(path), $"{path} is listed without its request and response shapes.");
    }

    [Fact]
    public void DeleteLaunch_Documents204()
    {
        var responses = Paths["/api/launches/{launchId}"]!["delete"]!["responses"]!.AsObject();

        Assert.True(responses.ContainsKey("204"), "DELETE /api/launches/{launchId} does not list 204.");
        Assert.False(responses.ContainsKey("200"), "DELETE /api/launches/{launchId} lists 200.");
    }

    [Fact]
    public void Register_Documents201()
    {
        var responses = Paths["/auth/register"]!["post"]!["responses"]!.AsObject();

        Assert.True(responses.ContainsKey("201"), "POST /auth/register does not list 201.");
        Assert.False(responses.ContainsKey("200"), "POST /auth/register lists 200.");
    }

    [Fact]
    public void AdminOperations_ListProblemResponses()
    {
        var missing = new List<string>();
        foreach (var (path, operations) in Paths.Where(pair => pair.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                foreach (var status in ExpectedProblems(path, method))
                {
                    if (operation!["responses"]?[status]?["content"]?["application/problem+json"] is null)
                        missing.Add($"{method.ToUpperInvariant()} {path} {status}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void AdminOperations_ListAdminKeyProblems()
    {
        var missing = new List<string>();
        foreach (var (path, operations) in Paths.Where(pair => pair.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                foreach (var status in new[] { "401", "403" })
                {
                    var schema = operation!["responses"]?[status]?["content"]?["application/problem+json"]?["schema"]?["$ref"];
                    if (schema?.GetValue<string>().EndsWith("/ProblemDetails", StringComparison.Ordinal) != true)
                        missing.Add($"{method.ToUpperInvariant()} {path} {status}");
                }
            }
        }

        Assert.NotEmpty(Paths);
        Assert.Empty(missing);
    }

    [Fact]
    public void AdminKey_HeaderScheme_NamesXAdminKey()
    {
        var scheme = SecuritySchemes.Single(pair => pair.Value!["type"]?.GetValue<string>() == "apiKey").Value!;

        Assert.Equal("header", scheme["in"]?.GetValue<string>());
        Assert.Equal("X-Admin-Key", scheme["name"]?.GetValue<string>());
    }

    [Fact]
    public void AdminKey_BearerScheme_IsHttpBearer()
    {
        var scheme = SecuritySchemes.Single(pair => pair.Value!["type"]?.GetValue<string>() == "http").Value!;

        Assert.Equal("bearer", scheme["scheme"]?.GetValue<string>());
    }

    [Fact]
    public void GuardedOperations_AcceptEitherAdminKeyScheme()
    {
        var schemeIds = SecuritySchemes.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        var missing = new List<string>();
        foreach (var (path, operations) in Paths.Where(pair => pair.Key.StartsWith("/api/", StringComparison.Ordinal) || pair.Key == "/auth/register"))
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                // Each requirement is one alternative, so each must name exactly one scheme.
                var alternatives = operation!["security"]?.AsArray()
                    .Select(requirement => string.Join(" ", requirement!.AsObject().Select(pair => pair.Key)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (alternatives is null || !alternatives.SequenceEqual(schemeIds))
                    missing.Add($"{method.ToUpperInvariant()} {path}");
            }
        }

        Assert.Equal(2, schemeIds.Count);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    public void Register_ListsAdminKeyError(string status)
    {
        var response = Paths["/auth/register"]!["post"]!["responses"]![status];

        Assert.NotNull(response?["content"]?["application/json"]?["schema"]);
        Assert.Null(response!["content"]!["application/problem+json"]);
    }

    [Fact]
    public void Import_DocumentsUploadBody()
    {
        var operation = Paths["/api/import"]?["post"];

        Assert.NotNull(operation);
        var content = operation!["requestBody"]!["content"]!.AsObject();
        Assert.Equal(true, operation["requestBody"]!["required"]?.GetValue<bool>());
        foreach (var mediaType in new[] { "application/fhir+json", "application/json" })
            Assert.Equal("object", content[mediaType]?["schema"]?["type"]?.GetValue<string>());

        foreach (var mediaType in new[] { "application/fhir+ndjson", "application/x-ndjson", "application/ndjson" })
            Assert.Equal("string", content[mediaType]?["schema"]?["type"]?.GetValue<string>());
    }

    [Fact]
    public void Import_DocumentsNameParameter()
    {
        var parameters = Paths["/api/import"]?["post"]?["parameters"]?.AsArray();

        Assert.NotNull(parameters);
        var name = Assert.Single(parameters!, parameter => parameter!["name"]!.GetValue<string>() == "name");
        Assert.Equal("query", name!["in"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/import", "post", "202")]
    [InlineData("/api/import/{id}", "get", "200")]
    public void Import_ReturnsJobStatus(string path, string method, string status)
    {
        var schema = Paths[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"]?["$ref"];

        Assert.NotNull(schema);
        Assert.EndsWith("/ImportJobStatus", schema!.GetValue<string>());
        Assert.NotNull(Schemas["ImportJobStatus"]?["properties"]?["state"]);
    }

    [Fact]
    public void SmartApp_DocumentsRefreshTokens()
    {
        var property = Schemas["SmartApp"]?["properties"]?["refreshTokens"];

        Assert.NotNull(property);
        Assert.Equal("boolean", property!["type"]?.ToString());
        Assert.Contains("refresh_token", property["description"]?.GetValue<string>() ?? "");
    }

    [Theory]
    [InlineData("/api/import", "post", "400")]
    [InlineData("/api/import", "post", "409")]
    [InlineData("/api/import", "post", "413")]
    [InlineData("/api/import", "post", "415")]
    [InlineData("/api/import/{id}", "get", "404")]
    public void Import_ListsProblem(string path, string method, string status)
    {
        var response = Paths[path]?[method]?["responses"]?[status];

        Assert.NotNull(response?["content"]?["application/problem+json"]);
    }

    [Theory]
    [InlineData("/api/apps", "post", "409")]
    [InlineData("/api/personas", "post", "409")]
    [InlineData("/api/launches/headless", "post", "422")]
    public void Operation_ListsSpecificProblem(string path, string method, string status)
    {
        var response = Paths[path]![method]!["responses"]![status];

        Assert.NotNull(response?["content"]?["application/problem+json"]);
    }

    [Fact]
    public void PkcePolicy_EnumHasNoNull()
    {
        var values = Schemas["PkcePolicy"]!["enum"]!.AsArray();

        Assert.DoesNotContain(values, value => value is null || value.GetValueKind() == JsonValueKind.Null);
        Assert.Equal(new[] { "Required", "Optional" }, values.Select(value => value!.GetValue<string>()));
    }

    [Fact]
    public void Descriptions_HaveNoCodeReferences()
    {
        var texts = new List<string>();
        CollectTexts(document.Root, texts);

        var offending = texts.Where(text => CodeReference().IsMatch(text)).ToList();

        Assert.NotEmpty(texts);
        Assert.Empty(offending);
    }

    // A POST or PUT body can be unreadable (400) or not JSON (415), and a path parameter can
    // name nothing (404). The export takes no body, so only its format gets 400.
    private static IEnumerable<string> ExpectedProblems(string path, string method)
    {
        if (method is "post" or "put")
        {
            yield return "400";
            yield return "415";
        }

        if (path.Contains('{', StringComparison.Ordinal))
            yield return "404";
    }

    private static void CollectTexts(JsonNode? node, List<string> texts)
    {
        if (node is JsonObject json)
        {
            foreach (var (name, value) in json)
            {
                if (name is "description" or "summary" && value?.GetValueKind() == JsonValueKind.String)
                    texts.Add(value.GetValue<string>());
                else
                    CollectTexts(value, texts);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
                CollectTexts(item, texts);
        }
    }

    // What the XML documentation generator writes for an unresolved <see cref>: a C# type with
    // a nullable mark or generic brackets, or Type.Member.
    [GeneratedRegex(@"\?\s|IReadOnly|&lt;|&gt;|\b[A-Z]\w+\.[A-Z]\w+")]
    private static partial Regex CodeReference();

    /// <summary>The document, fetched once from a sandbox started for the class.</summary>
    [Fact]
    public void HeadlessLaunch_Documents200Fields()
    {
        var schema = HeadlessTokenSchema();

        var properties = schema["properties"]!.AsObject();
        var required = schema["required"]!.AsArray().Select(name => name!.GetValue<string>()).ToList();
        Assert.Equal(["access_token", "expires_in", "scope", "token_type"], required.Order());
        Assert.Contains("string", TypeNames(properties["access_token"]!));
        Assert.Contains("integer", TypeNames(properties["expires_in"]!));
        Assert.Contains("boolean", TypeNames(properties["need_patient_banner"]!));
        Assert.Contains("array", TypeNames(properties["fhirContext"]!));
        foreach (var name in new[] { "refresh_token", "id_token", "patient", "encounter", "smart_style_url", "intent", "tenant" })
            Assert.True(properties.ContainsKey(name), $"The headless launch's 200 schema has no '{name}'.");
    }

    // Every member of a real response must be a documented property, or an extra launch parameter,
    // which the schema allows as an additional property.
    [Fact]
    public async Task HeadlessLaunch_ResponseMatchesSchema()
    {
        var schema = HeadlessTokenSchema();
        var properties = schema["properties"]!.AsObject();

        var token = await document.HeadlessLaunchAsync();

        var undocumented = token.Select(member => member.Key).Where(name => !properties.ContainsKey(name)).ToList();
        Assert.Equal(["sandbox-extra"], undocumented);
        Assert.Equal("string", schema["additionalProperties"]?["type"]?.GetValue<string>());
        Assert.All(properties.Select(pair => pair.Key).Where(token.ContainsKey), name =>
            Assert.Contains(KindName(token[name]!.GetValueKind()), TypeNames(properties[name]!)));
    }

    private JsonObject HeadlessTokenSchema()
    {
        var content = Paths["/api/launches/headless"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!;
        var reference = content["schema"]!["$ref"]!.GetValue<string>();
        return Schemas[reference.Split('/')[^1]]!.AsObject();
    }

    // A property's "type" is a name or, for a nullable member, a list of names.
    private static List<string> TypeNames(JsonNode property) => property["type"] switch
    {
        JsonArray names => names.Select(name => name!.GetValue<string>()).ToList(),
        JsonValue name => [name.GetValue<string>()],
        _ => [],
    };

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        _ => kind.ToString(),
    };

    public sealed class Document : IAsyncLifetime
    {
        private SandboxServer _server = null!;

        public JsonObject Root { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
            Root = (await _server.Client.GetFromJsonAsync<JsonObject>("openapi/v1.json"))!;
        }

        public async Task DisposeAsync() => await _server.DisposeAsync();

        /// <summary>Runs a headless launch with a user, a patient and an extra parameter, and returns its response body.</summary>
        public async Task<JsonObject> HeadlessLaunchAsync()
        {
            var app = new { clientId = "openapi-app", name = "OpenAPI app", kind = "Public", redirectUris = new[] { "http://127.0.0.1:9/callback" } };
            await EnsureCreatedAsync("api/apps", app);
            await EnsureCreatedAsync("api/personas", new { username = "openapi-user", displayName = "OpenAPI User", role = "Practitioner", fhirUser = "Practitioner/openapi-user" });
            await WritePatientAsync();

            var response = await _server.Client.PostAsJsonAsync("api/launches/headless", new
            {
                clientId = "openapi-app",
                scope = "launch openid fhirUser patient/*.rs",
                user = "openapi-user",
                patient = "openapi-patient",
                fhirContext = new[] { new { reference = "Observation/openapi-1" } },
                extra = new Dictionary<string, string> { ["sandbox-extra"] = "x" },
            });

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"The headless launch returned {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body)!.AsObject();
        }

        // The store is empty and /fhir needs a token, so a first launch with user/ scopes,
        // which needs no patient, writes the patient, as docs/automation.md shows.
        private async Task WritePatientAsync()
        {
            using var launched = await _server.Client.PostAsJsonAsync("api/launches/headless", new
            {
                clientId = "openapi-app",
                scope = "user/Patient.cu",
                user = "openapi-user",
            });
            var token = (await launched.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
            using var request = new HttpRequestMessage(HttpMethod.Put, "fhir/Patient/openapi-patient")
            {
                Content = new StringContent("""{"resourceType":"Patient","id":"openapi-patient"}""", System.Text.Encoding.UTF8, "application/fhir+json"),
            };
            request.Headers.Authorization = new("Bearer", token);
            using var written = await _server.Client.SendAsync(request);
            if (!written.IsSuccessStatusCode)
                throw new InvalidOperationException($"PUT Patient/openapi-patient returned {(int)written.StatusCode}.");
        }

        private async Task EnsureCreatedAsync(string path, object body)
        {
            using var response = await _server.Client.PostAsJsonAsync(path, body);
            if (response.StatusCode is not System.Net.HttpStatusCode.Created and not System.Net.HttpStatusCode.Conflict)
                throw new InvalidOperationException($"POST {path} returned {(int)response.StatusCode}.");
        }
    }
}
