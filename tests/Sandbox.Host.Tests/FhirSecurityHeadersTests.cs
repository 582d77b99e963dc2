using System.Net;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

public sealed class FhirSecurityHeadersTests
{
    private const string Policy = "default-src 'none'; frame-ancestors 'none'";

    [Theory]
    [InlineData("fhir/metadata", null, HttpStatusCode.OK)]
    [InlineData("fhir/.well-known/smart-configuration", null, HttpStatusCode.OK)]
    [InlineData("fhir/Patient/example", null, HttpStatusCode.Unauthorized)]
    [InlineData("fhir/metadata", "attacker.example", HttpStatusCode.BadRequest)]
    public async Task FhirResponse_CarriesNosniffAndPolicy(string path, string? host, HttpStatusCode status)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
            request.Headers.Host = $"{host}:{server.BaseAddress.Port}";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task FhirRoutingError_CarriesPolicy()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });

        using var response = await server.Client.GetAsync("fhir/NoSuchType/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task EhrPage_KeepsItsOwnPolicy()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });

        using var response = await server.Client.GetAsync("");

        Assert.DoesNotContain(Policy, response.Headers.GetValues("Content-Security-Policy"));
    }
}
