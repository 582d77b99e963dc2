using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Forwarded headers sent from loopback, as a reverse proxy on the same machine sends them.
/// The forged public base never receives traffic: it only appears in the links.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string PublicFhirBase = "https://ehr.example.org/fhir";

    private static readonly (string Name, string Value)[] ProxyHeaders =
    [
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Host", "ehr.example.org"),
    ];

    [Fact]
    public async System.Threading.Tasks.Task HistoryNextLink_ProxyEnabled_UsesPublicBase()
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);
        await CreatePatientsAsync(client, 2);

        var next = await HistoryNextLinkAsync(client);

        Assert.StartsWith($"{PublicFhirBase}/Patient/_history?", next);
    }

    [Fact]
    public async System.Threading.Tasks.Task SearchNextLink_ProxyEnabled_UsesPublicBase()
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);
        await CreatePatientsAsync(client, 2);

        using var response = await client.GetAsync("Patient?_count=1", ProxyHeaders);
        var page = await FhirTestClient.ReadAsync<Bundle>(response);

        Assert.StartsWith($"{PublicFhirBase}/Patient?", page.Link.Single(link => link.Relation == "self").Url);
        Assert.StartsWith($"{PublicFhirBase}/Patient?", page.Link.Single(link => link.Relation == "next").Url);
    }

    [Fact]
    public async System.Threading.Tasks.Task CreateLocation_ProxyEnabled_UsesPublicBase()
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);

        using var response = await client.PostAsync("Patient", TestResources.Patient(), ProxyHeaders);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($"{PublicFhirBase}/Patient/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task SmartDiscovery_ProxyEnabled_UsesPublicBase()
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);

        using var response = await client.GetAsync(".well-known/smart-configuration", ProxyHeaders);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("https://ehr.example.org/auth/token", (string)document["token_endpoint"]!);
        Assert.Equal("https://ehr.example.org/auth/authorize", (string)document["authorization_endpoint"]!);
    }

    [Fact]
    public async System.Threading.Tasks.Task OpenIdDiscovery_ProxyEnabled_UsesPublicIssuer()
    {
        await using var server = await StartAsync(enabled: true);
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, ".well-known/openid-configuration"));
        foreach (var (name, value) in ProxyHeaders)
            request.Headers.Add(name, value);

        using var response = await http.SendAsync(request);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://ehr.example.org", ((string)document["issuer"]!).TrimEnd('/'));
    }

    [Fact]
    public async System.Threading.Tasks.Task HistoryNextLink_ProxyDisabled_IgnoresHeaders()
    {
        await using var server = await StartAsync(enabled: false);
        var client = FhirTestClient.For(server);
        await CreatePatientsAsync(client, 2);

        var next = await HistoryNextLinkAsync(client);

        Assert.StartsWith(client.Url("Patient/_history?").ToString(), next);
    }

    [Fact]
    public async System.Threading.Tasks.Task HistoryNextLink_UntrustedProxy_IgnoresHeaders()
    {
        await using var server = await StartAsync(enabled: true, trustedProxy: "10.1.2.3");
        var client = FhirTestClient.For(server);
        await CreatePatientsAsync(client, 2);

        var next = await HistoryNextLinkAsync(client);

        Assert.StartsWith(client.Url("Patient/_history?").ToString(), next);
    }

    [Fact]
    public async System.Threading.Tasks.Task HistoryNextLink_ForwardedPrefix_IsIgnored()
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);
        await CreatePatientsAsync(client, 2);

        using var response = await client.GetAsync("Patient/_history?_count=1", [.. ProxyHeaders, ("X-Forwarded-Prefix", "/sandbox")]);
        var page = await FhirTestClient.ReadAsync<Bundle>(response);

        Assert.StartsWith($"{PublicFhirBase}/Patient/_history?", page.Link.Single(link => link.Relation == "next").Url);
    }

    // ASP.NET Core's middleware itself ignores a host with a path or user info, so only values
    // it lets through are tested here.
    [Theory]
    [InlineData("https", "ehr.example.org:99999")]
    [InlineData("javascript", "ehr.example.org")]
    public async System.Threading.Tasks.Task FhirRead_InvalidForwardedBase_Returns400Outcome(string scheme, string host)
    {
        await using var server = await StartAsync(enabled: true);
        var client = FhirTestClient.For(server);

        using var response = await client.GetAsync("metadata", [("X-Forwarded-Proto", scheme), ("X-Forwarded-Host", host)]);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Forwarded-Host", outcome.Issue.Single().Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Authorize_InvalidForwardedHost_Returns400OAuthError()
    {
        await using var server = await StartAsync(enabled: true);
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "auth/authorize?client_id=any"));
        request.Headers.Add("X-Forwarded-Host", "ehr.example.org:99999");

        using var response = await http.SendAsync(request);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (string)document["error"]!);
    }

    private static Task<SandboxServer> StartAsync(bool enabled, string? trustedProxy = null)
    {
        var settings = new Dictionary<string, string?> { ["Sandbox:Proxy:Enabled"] = enabled ? "true" : "false" };
        if (trustedProxy is not null)
            settings["Sandbox:Proxy:TrustedProxies:0"] = trustedProxy;

        return SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true, Settings = settings });
    }

    private static async System.Threading.Tasks.Task CreatePatientsAsync(FhirTestClient client, int count)
    {
        for (var i = 0; i < count; i++)
            await client.CreateAsync(TestResources.Patient());
    }

    private static async Task<string> HistoryNextLinkAsync(FhirTestClient client)
    {
        using var response = await client.GetAsync("Patient/_history?_count=1", ProxyHeaders);
        var page = await FhirTestClient.ReadAsync<Bundle>(response);
        return page.Link.Single(link => link.Relation == "next").Url!;
    }
}
