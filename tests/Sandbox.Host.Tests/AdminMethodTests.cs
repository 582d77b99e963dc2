using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>
/// HTTP methods that an admin API path does not map, and HEAD, which each GET operation serves
/// as GET without the body. <c>/fhir</c> and <c>/auth</c> keep their own error shapes.
/// </summary>
public sealed class AdminMethodTests(AdminMethodTests.Server fixture) : IClassFixture<AdminMethodTests.Server>
{
    private HttpClient Client => fixture.Sandbox.Client;

    [Theory]
    [InlineData("api/apps")]
    [InlineData("api/apps/sandbox-sample-app")]
    [InlineData("api/personas")]
    [InlineData("api/launches")]
    [InlineData("api/export?format=bundle")]
    public async Task Head_GetOperation_Returns200WithoutBody(string path)
    {
        using var get = await Client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Head, path);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/apps/no-such-app")]
    [InlineData("api/personas/no-such-persona")]
    [InlineData("api/import/no-such-job")]
    public async Task Head_UnknownResource_Returns404Problem(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, path);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("DELETE", "api/apps", "GET, HEAD, POST")]
    [InlineData("PATCH", "api/apps/sandbox-sample-app", "DELETE, GET, HEAD, PUT")]
    [InlineData("PUT", "api/personas", "GET, HEAD, POST")]
    [InlineData("POST", "api/launches/some-launch/events", "GET, HEAD")]
    [InlineData("GET", "api/reset", "POST")]
    [InlineData("DELETE", "api/import", "POST")]
    [InlineData("POST", "api/import/some-job", "GET, HEAD")]
    [InlineData("POST", "api/export", "GET, HEAD")]
    [InlineData("GET", "api/launches/headless", "POST")]
    [InlineData("DELETE", "api/launches/headless", "POST")]
    [InlineData("TRACE", "api/apps", "GET, HEAD, POST")]
    public async Task WrongMethod_AdminPath_Returns405Problem(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(405, problem!["status"]!.GetValue<int>());
        Assert.Contains("HTTP method", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_PostOnlyPath_Returns405WithAllow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "api/reset");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", string.Join(", ", response.Content.Headers.Allow));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WrongMethod_Fhir_ReturnsOperationOutcome()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "fhir/Patient/some-patient/_history");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("OperationOutcome", outcome!["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_FhirMetadata_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "fhir/metadata");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongMethod_Token_ReturnsOAuthError()
    {
        using var response = await Client.GetAsync("auth/token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("invalid_request", error!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_OpenApiDocument_Returns200WithoutBody()
    {
        using var get = await Client.GetAsync("openapi/v1.json");
        using var request = new HttpRequestMessage(HttpMethod.Head, "openapi/v1.json");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, response.Content.Headers.ContentType);
        Assert.Equal(HeaderNames(get), HeaderNames(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OpenApi_Document_ListsNoHeadOperations()
    {
        var document = await Client.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.NotEmpty(paths);
        Assert.DoesNotContain(paths, path => path.Value!.AsObject().ContainsKey("head"));
    }

    // Kestrel sends no Transfer-Encoding for HEAD, because no body follows, so framing headers are left out.
    private static string HeaderNames(HttpResponseMessage response) =>
        string.Join(
            ", ",
            response.Headers.Concat(response.Content.Headers)
                .Select(header => header.Key)
                .Where(name => name is not ("Transfer-Encoding" or "Content-Length"))
                .Order(StringComparer.Ordinal));

    /// <summary>A sandbox with the generated seed and an open <c>/fhir</c>, shared by the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public SandboxServer Sandbox { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "default", OpenFhir = true });

        public async Task DisposeAsync() => await Sandbox.DisposeAsync();
    }
}
