using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sandbox.Host.Tests;

/// <summary>
/// A CORS request to the FHIR or token endpoints from an origin that no registered app has is
/// logged once per origin, because the browser shows the app only a generic CORS failure.
/// </summary>
public sealed class CorsRejectionLogTests
{
    private const string UnknownOrigin = "http://127.0.0.1:9";
    private const string Category = "Sandbox.Auth.Server.SandboxCorsPolicyProvider";

    [Fact]
    public async Task UnknownOrigin_LoggedOnce()
    {
        var log = new WarningRecorder();
        await using var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--ephemeral", "true", "--seed", "empty"],
            builder => builder.Logging.AddProvider(log));
        await app.StartAsync();
        using var client = CreateClient(app);

        using var first = await SendPreflightAsync(client, UnknownOrigin);
        using var second = await SendPreflightAsync(client, UnknownOrigin);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.False(first.Headers.Contains("Access-Control-Allow-Origin"));
        var warning = Assert.Single(log.Warnings, entry => entry.Category == Category);
        Assert.StartsWith($"CORS request OPTIONS /fhir/Patient from origin {UnknownOrigin} rejected:", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Add a redirect URI or launch URL on that origin", warning.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task RegisteredOrigin_NotLogged()
    {
        var log = new WarningRecorder();
        await using var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--ephemeral", "true", "--seed", "empty"],
            builder => builder.Logging.AddProvider(log));
        await app.StartAsync();
        using var client = CreateClient(app);
        using var registration = new StringContent(
            $$"""{"clientId": "app", "name": "App", "kind": "Public", "redirectUris": ["{{UnknownOrigin}}/callback"]}""",
            System.Text.Encoding.UTF8,
            "application/json");
        using var registered = await client.PostAsync("/api/apps", registration);

        using var preflight = await SendPreflightAsync(client, UnknownOrigin);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(UnknownOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.DoesNotContain(log.Warnings, entry => entry.Category == Category);
        await app.StopAsync();
    }

    private static HttpClient CreateClient(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address) };
    }

    private static async Task<HttpResponseMessage> SendPreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/fhir/Patient");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return await client.SendAsync(request);
    }
}
