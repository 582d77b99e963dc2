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
    private const string PublicFhirBase = "https://ehr.example.org/sandbox/fhir";

    private static readonly (string Name, string Value)[] ProxyHeaders =
    [
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Host", "ehr.example.org"),
        ("X-Forwarded-Prefix", "/sandbox"),
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

        Assert.StartsWith("https://ehr.example.org/sandbox/", (string)document["token_endpoint"]!);
        Assert.StartsWith("https://ehr.example.org/sandbox/", (string)document["authorization_endpoint"]!);
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
        Assert.Equal("https://ehr.example.org/sandbox", ((string)document["issuer"]!).TrimEnd('/'));
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
