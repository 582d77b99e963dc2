using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>The <c>detail</c> of admin API errors names the member that is wrong and the fix.</summary>
public sealed class AdminBodyDetailTests(PublicAppHost host) : IClassFixture<PublicAppHost>
{
    private const string ValidApp = "\"name\":\"App\",\"redirectUris\":[\"http://127.0.0.1:9/callback\"]";

    [Theory]
    [InlineData("/api/apps", "{\"redirectUris\":[\"http://127.0.0.1:9/callback\"]}", "'name'")]
    [InlineData("/api/personas", "{\"username\":\"p1\",\"displayName\":\"P\"}", "'fhirUser'")]
    [InlineData("/api/launches/headless", "{\"clientId\":\"app\"}", "'scope'")]
    public async Task Post_MissingRequiredMember_NamesIt(string path, string body, string member)
    {
        var (status, detail) = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("missing the required member", detail);
        Assert.Contains(member, detail);
    }

    [Theory]
    [InlineData("/api/apps", "{\"kind\":\"Weird\"," + ValidApp + "}", "'kind'", "ConfidentialSymmetric")]
    [InlineData("/api/personas", "{\"username\":\"p2\",\"displayName\":\"P\",\"fhirUser\":\"Practitioner/pr-1\",\"role\":\"Nurse\"}", "'role'", "Practitioner, Patient")]
    [InlineData("/api/launches/headless", "{\"clientId\":\"app\",\"scope\":\"launch\",\"simulatedError\":\"Bogus\"}", "'simulatedError'", "AuthorizeAccessDenied")]
    [InlineData("/api/reset", "{\"to\":\"Nothing\"}", "'to'", "Seed, Empty")]
    public async Task Post_UnknownEnumValue_ListsValidNames(string path, string body, string member, string names)
    {
        var (status, detail) = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(member, detail);
        Assert.Contains(names, detail);
    }

    [Theory]
    [InlineData("/api/apps", "{\"kind\":null," + ValidApp + "}", "'kind'", "ConfidentialSymmetric")]
    [InlineData("/api/launches/headless", "{\"clientId\":\"app\",\"scope\":\"launch\",\"simulatedError\":null}", "'simulatedError'", "AuthorizeAccessDenied")]
    [InlineData("/api/reset", "{\"to\":null}", "'to'", "Seed, Empty")]
    public async Task Post_NullEnumValue_ListsValidNames(string path, string body, string member, string names)
    {
        var (status, detail) = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(member, detail);
        Assert.Contains(names, detail);
        Assert.DoesNotContain("a number", detail);
    }

    [Fact]
    public async Task Post_FhirContextOfStrings_NamesItem()
    {
        var (status, detail) = await PostAsync("/api/launches", "{\"fhirContext\":[\"Patient/p-1\"]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'fhirContext[0]'", detail);
        Assert.Contains("must be an object, not a string", detail);
    }

    [Fact]
    public async Task Post_NumberOutOfRange_NamesMember()
    {
        var (status, detail) = await PostAsync("/api/apps", "{\"accessTokenLifetimeSeconds\":99999999999," + ValidApp + "}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'accessTokenLifetimeSeconds'", detail);
        Assert.Contains("out of range", detail);
    }

    [Fact]
    public async Task Post_MalformedJson_GivesPosition()
    {
        var (status, detail) = await PostAsync("/api/apps", "{\"name\":");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid JSON", detail);
        Assert.Contains("BytePositionInLine: 8", detail);
    }

    [Theory]
    [InlineData("/api/launches/headless", "{\"clientId\":\"app\",\"scope\":\"launch\",\"patientId\":\"p-1\"}", "'patientId'")]
    [InlineData("/api/apps", "{\"redirectUri\":\"http://127.0.0.1:9/callback\",\"name\":\"App\"}", "'redirectUri'")]
    [InlineData("/api/reset", "{\"too\":\"Empty\"}", "'too'")]
    public async Task Post_UnknownMember_Returns400NamingIt(string path, string body, string member)
    {
        var (status, detail) = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"unknown member {member}", detail);
    }

    [Fact]
    public async Task Register_UnknownMetadata_IsIgnored()
    {
        var body = "{\"client_name\":\"Tool\",\"redirect_uris\":[\"http://127.0.0.1:9/callback\"],\"software_id\":\"tool-1\"}";

        using var response = await host.Fixture.Client.PostAsync("/auth/register", Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_TooLargeBody_StatesLimit()
    {
        // Kestrel returns 413 from the Content-Length alone and closes the connection, which makes
        // HttpClient fail while it still sends the body, so the request is written by hand.
        var address = host.Fixture.Server.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/apps HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
            + "Content-Length: 31000000\r\nConnection: close\r\n\r\n{\"name\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("larger than 30000000 bytes", response);
    }

    [Fact]
    public async Task Import_XmlBody_ListsNdjsonTypes()
    {
        using var content = new StringContent("<x/>", Encoding.UTF8, "application/xml");

        using var response = await host.Fixture.Client.PostAsync("/api/import", content);

        var detail = (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/fhir+ndjson", detail);
        Assert.Contains("application/fhir+json", detail);
    }

    [Fact]
    public async Task AppEvents_UnknownApp_Returns404Problem()
    {
        using var response = await host.Fixture.Client.GetAsync("/api/apps/no-such-app/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("team/dr-ci")]
    [InlineData("dr ci")]
    [InlineData("dr%2Fci")]
    public async Task PostPersona_UsernameOutsideCharacterSet_Returns400(string username)
    {
        var body = $"{{\"username\":\"{username}\",\"displayName\":\"CI\",\"fhirUser\":\"Practitioner/pr-1\"}}";

        var (status, detail) = await PostAsync("/api/personas", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"username '{username}' is invalid", detail);
    }

    private async Task<(HttpStatusCode Status, string Detail)> PostAsync(string path, string body)
    {
        using var response = await host.Fixture.Client.PostAsync(path, Json(body));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, problem!["detail"]!.GetValue<string>());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
