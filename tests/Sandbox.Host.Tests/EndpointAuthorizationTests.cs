using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Testing;

namespace Sandbox.Host.Tests;

/// <summary>
/// The host runs without ASP.NET Core's authorization middleware. The endpoint middleware throws
/// on every request to an endpoint with authorization metadata when that middleware did not run,
/// so no endpoint may carry any.
/// </summary>
public sealed class EndpointAuthorizationTests
{
    [Fact]
    public async Task Endpoints_HaveNoAuthorizationMetadata()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });

        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint => Assert.Null(endpoint.Metadata.GetMetadata<IAuthorizeData>()));
    }

    [Fact]
    public async Task EhrPage_WithoutAuthorizationMiddleware_Returns200()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });

        using var response = await server.Client.GetAsync("/patients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
