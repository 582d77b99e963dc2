using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.SeedData.Tests;

/// <summary>Serves the sample app from a real Kestrel server on loopback, with only <c>MapSampleApp</c> mapped.</summary>
public sealed class SampleAppEndpointTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapSampleApp();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Fact]
    public async Task GetSampleApp_Root_ReturnsPage()
    {
        var response = await _client.GetAsync("/sample-app/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"app.js\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetSampleApp_Root_SendsSecurityPolicy()
    {
        var response = await _client.GetAsync("/sample-app/");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    public async Task GetSampleApp_Asset_ReturnsContentType(string file, string mediaType)
    {
        var response = await _client.GetAsync($"/sample-app/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetSampleApp_UnknownFile_Returns404()
    {
        var response = await _client.GetAsync("/sample-app/secrets.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetSampleApp_WithoutSlash_Redirects()
    {
        var response = await _client.GetAsync("/sample-app");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sample-app/", response.Headers.Location?.OriginalString);
    }
}
