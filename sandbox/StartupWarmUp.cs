using System.Net;
using Sandbox.Auth;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Formats;

namespace Sandbox.Host;

/// <summary>
/// Runs the code of the first requests once on the thread pool while the sandbox starts, so
/// that their JIT compilation and type loading are done before the first request. It sends a
/// few read-only requests (the CapabilityStatement, SMART and OpenID Connect discovery, the
/// key set) through the sandbox's own middleware pipeline in memory, without a socket, and
/// parses and writes a Patient, as a first <c>PUT</c> does. It writes nothing to the store and
/// changes no state that a client can see.
/// </summary>
/// <remarks>
/// The requests pass the start-up gate, which holds every client request until the host has
/// started, because they carry <see cref="StartupWarmUpRequest"/>, a feature that only code
/// in this process can set. Building the pipeline here also builds the routing tables, which
/// the first client request would otherwise build.
/// </remarks>
internal sealed class StartupWarmUp(
    IServiceScopeFactory scopeFactory,
    ILogger<StartupWarmUp> logger) : IHostedLifecycleService
{
    private static readonly string[] WarmUpPaths =
    [
        FhirStoreExtensions.FhirBasePath + "/metadata",
        FhirStoreExtensions.FhirBasePath + AuthPaths.SmartConfiguration,
        AuthPaths.OpenIdConfiguration,
        AuthPaths.Jwks,
    ];

    private static readonly byte[] SamplePatient =
        """{"resourceType":"Patient","id":"warm-up","name":[{"family":"Warm","given":["Up"]}],"birthDate":"2000-01-01"}"""u8.ToArray();

    private IApplicationBuilder? _application;
    private Task _completion = Task.CompletedTask;

    /// <summary>Completes when the warm-up has run, whether it succeeded or not.</summary>
    public Task Completion => _completion;

    /// <summary>
    /// Names the application whose pipeline the warm-up requests go through. Call it once the
    /// application's middleware and endpoints are in place, before the host starts.
    /// </summary>
    public void UsePipelineOf(IApplicationBuilder application) => _application = application;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _completion = Task.Run(WarmUpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmUpAsync()
    {
        try
        {
            if (_application is not null)
            {
                var pipeline = _application.Build();
                foreach (var path in WarmUpPaths)
                    await SendAsync(pipeline, path);
            }

            var patient = FhirSerializer.ParseJson(SamplePatient);
            FhirSerializer.Write(patient, FhirFormat.Json, pretty: false, Stream.Null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.WarmUpFailed(logger, exception);
        }
    }

    private async Task SendAsync(RequestDelegate pipeline, string path)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Set(StartupWarmUpRequest.Instance);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = Uri.UriSchemeHttp;
        context.Request.Host = new HostString(IPAddress.Loopback.ToString());
        context.Request.Path = path;
        context.Response.Body = Stream.Null;
        await pipeline(context);

        // Another answer means that the first client request of this kind will fail too.
        if (context.Response.StatusCode != StatusCodes.Status200OK)
            Log.WarmUpRequestFailed(logger, path, context.Response.StatusCode);
    }
}
