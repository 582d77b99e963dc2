using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.FhirStore;
using Sandbox.Host;

namespace Sandbox.Testing;

/// <summary>
/// The whole sandbox running in the test process on a free loopback port, with a fresh
/// store. Dispose it to stop the host and delete its throwaway data folder.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress, string? adminApiKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = CreateClient();
        if (adminApiKey is not null)
            Client.DefaultRequestHeaders.Add("X-Admin-Key", adminApiKey);
    }

    /// <summary>The root of the sandbox, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The FHIR base URL, which is <c>iss</c> and <c>aud</c> for SMART apps (no trailing slash).</summary>
    public Uri FhirBase => new(BaseAddress, FhirStoreExtensions.FhirBasePath);

    /// <summary>A client for the admin API and pages, with <see cref="BaseAddress"/> as base; disposed with the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's services, for tests that need to look inside.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a sandbox on <c>127.0.0.1</c> with a port the operating system picks.</summary>
    public static async Task<SandboxServer> StartAsync(
        SandboxServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SandboxServerOptions();
        var app = SandboxApp.Build(BuildArguments(options));
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server did not report its addresses.");
        var address = addresses.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"), options.AdminApiKey);
    }

    /// <summary>Creates an HTTP client whose base address is <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = BaseAddress;
        return client;
    }

    /// <summary>
    /// Creates an HTTP client for <c>/fhir</c> that sends the access token as a Bearer token.
    /// Its base address ends with a slash, so relative paths such as <c>Patient/p-1</c> work.
    /// </summary>
    public HttpClient CreateFhirClient(string accessToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(FhirBase.AbsoluteUri.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Registers an app through <c>POST /api/apps</c> and returns it as stored, with its generated client id and secret.</summary>
    public async Task<SmartApp> RegisterAppAsync(SmartApp app, CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsJsonAsync("api/apps", app, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SmartApp>(cancellationToken))!;
    }

    /// <summary>
    /// Runs a whole EHR launch through <c>POST /api/launches/headless</c> and returns the
    /// token response. Throws <see cref="HttpRequestException"/> with the problem details
    /// when the launch fails.
    /// </summary>
    public async Task<JsonObject> HeadlessLaunchAsync(HeadlessLaunchRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsJsonAsync("api/launches/headless", request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
            inner: null,
            response.StatusCode);
    }

    private static string[] BuildArguments(SandboxServerOptions options)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--seed", options.Seed,
            "--Logging:LogLevel:Default", "Warning",
        };
        if (options.DataFolder is null)
            args.AddRange(["--ephemeral", "true"]);
        else
            args.AddRange(["--data", options.DataFolder]);

        if (options.AdminApiKey is not null)
            args.AddRange(["--Admin:ApiKey", options.AdminApiKey]);

        if (options.OpenFhir)
            args.AddRange(["--open-fhir", "true"]);

        foreach (var (key, value) in options.Settings)
            args.AddRange([$"--{key}", value ?? string.Empty]);

        return [.. args];
    }
}
