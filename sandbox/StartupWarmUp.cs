using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Sandbox.Auth;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Rest.Capabilities;

namespace Sandbox.Host;

/// <summary>
/// Runs the code of the first requests once on the thread pool while the sandbox starts, so
/// that their JIT compilation and type loading are done before the first request. As soon as
/// the service provider is built, it builds the CapabilityStatement of <c>/fhir/metadata</c>
/// and parses and writes a Patient, as a first <c>PUT</c> does. When the host starts, it loads
/// the Data Protection key ring. Once the host has built its middleware pipeline, it sends a
/// few read-only requests through it in memory, without a socket: SMART and OpenID Connect
/// discovery and the key set, which also builds the routing tables. Once Kestrel has bound, it
/// requests <c>/fhir/metadata</c> under each loopback address, which caches the serialized
/// CapabilityStatement for an address whose port is known only after binding. The gate does not wait
/// for these last requests. It writes nothing to the store and changes no state that a client
/// can see.
/// </summary>
/// <remarks>
/// The pipeline comes from the start-up gate, which only the <c>Vary: Origin</c> and FHIR
/// security header middleware precede. The gate receives the rest of the pipeline when the
/// host builds it, shortly before Kestrel binds. The requests go to that rest, so the gate does not hold them. Building a
/// second copy of the pipeline is not an option: each build adds a step to the shared branches
/// of <c>UseWhen</c>.
/// </remarks>
internal sealed class StartupWarmUp(
    IServiceProvider services,
    IServer server,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<StartupWarmUp> logger) : IHostedLifecycleService
{
    private static readonly Uri PlaceholderBase = new("http://127.0.0.1/fhir");

    private static readonly string MetadataPath = FhirStoreExtensions.FhirBasePath + "/metadata";

    private static readonly string[] WarmUpPaths =
    [
        FhirStoreExtensions.FhirBasePath + AuthPaths.SmartConfiguration,
        AuthPaths.OpenIdConfiguration,
        AuthPaths.Jwks,
    ];

    // The narrative makes the warm-up compile the Firely XHTML schema that narrative checks
    // use, which would otherwise delay the first write that carries a narrative.
    private static readonly byte[] SamplePatient =
        """{"resourceType":"Patient","id":"warm-up","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Warm Up</div>"},"name":[{"family":"Warm","given":["Up"]}],"birthDate":"2000-01-01"}"""u8.ToArray();

    private readonly TaskCompletionSource<RequestDelegate> _pipeline = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _completion = Task.CompletedTask;
    private Task? _computation;

    /// <summary>Completes when the warm-up has run, whether it succeeded or not.</summary>
    public Task Completion => _completion;

    /// <summary>
    /// Hands over the host's pipeline behind the start-up gate. Only the first call counts,
    /// because the host builds its pipeline once.
    /// </summary>
    public void UsePipeline(RequestDelegate pipeline) => _pipeline.TrySetResult(pipeline);

    /// <summary>
    /// Starts the part of the warm-up that needs neither the data folder nor the pipeline, so
    /// that it runs beside the configuration of the pipeline and the construction of the hosted
    /// services, which the host does on its own thread. Call it once the service provider is
    /// built. The warm-up waits for this part and reports its failure.
    /// </summary>
    public void BeginComputation() => _computation ??= Task.Run(Compute, CancellationToken.None);

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _completion = Task.Run(WarmUpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host calls every StartedAsync after Kestrel has bound, and reports itself started,
    // which opens the gate, only after the last one.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _bound.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for a warm-up that a stop during the start left running, until the host's shutdown
    /// timeout cancels <paramref name="cancellationToken"/>. The host disposes its services after
    /// the stop, and a warm-up request on disposed services fails, which the FHIR error handler
    /// logs as an error with its stack trace.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAny(_completion, Task.Delay(Timeout.Infinite, cancellationToken));

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmUpAsync()
    {
        try
        {
            // Creates the data folder's first Data Protection key, which the EHR's cookies need.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(StartupWarmUp)).Protect([0]);

            BeginComputation();
            await _computation!;

            // A host that stops before it has built its pipeline or bound never hands them over.
            using (lifetime.ApplicationStopping.Register(() =>
            {
                _pipeline.TrySetCanceled();
                _bound.TrySetCanceled();
            }))
            {
                var pipeline = await _pipeline.Task;
                foreach (var path in WarmUpPaths)
                    await SendAsync(pipeline, path, IPAddress.Loopback.ToString());

                await _bound.Task;
                foreach (var address in LoopbackListening.LoopbackAddresses(server))
                    await SendAsync(pipeline, MetadataPath, address.Authority);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
            && lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host stopped during its start, for example on a port in use, and may have
            // disposed the services the warm-up was using, so there is nothing left to warm up.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.WarmUpFailed(logger, exception);
        }
    }

    private void Compute()
    {
        BuildCapabilityStatements();

        var patient = FhirSerializer.ParseJson(SamplePatient);
        FhirSerializer.Write(patient, FhirFormat.Json, pretty: false, Stream.Null);
    }

    // Resolving the builder on this thread keeps the catalog's build off the host's start. When
    // every configured URL names its port, the statements of its loopback addresses go into the
    // cache before Kestrel binds. A first client asks for one as soon as the port accepts
    // connections, and building one takes tens of milliseconds. Otherwise one statement for a
    // placeholder address compiles the code, and the requests after binding cache the real ones.
    private void BuildCapabilityStatements()
    {
        var fhirBases = ConfiguredLoopbackFhirBases(configuration[WebHostDefaults.ServerUrlsKey]);
        if (fhirBases.Count == 0)
        {
            var statement = services.GetRequiredService<CapabilityStatementBuilder>().Build(PlaceholderBase);
            FhirSerializer.Write(statement, FhirFormat.Json, pretty: false, Stream.Null);
            return;
        }

        var cache = services.GetRequiredService<CapabilityStatementCache>();
        foreach (var fhirBase in fhirBases)
            cache.Get(fhirBase, FhirFormat.Json, pretty: false);
    }

    /// <summary>
    /// Returns the FHIR base URLs that clients of the loopback URLs in <paramref name="urls"/>
    /// (the <c>urls</c> setting, separated by semicolons) send, as <c>FhirHttp.BaseUrl</c> forms
    /// them from the Host header. Returns none when a URL leaves its port to the operating
    /// system or does not parse, because then only the bound addresses tell the port.
    /// </summary>
    internal static List<Uri> ConfiguredLoopbackFhirBases(string? urls)
    {
        var fhirBases = new List<Uri>();
        foreach (var url in urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return [];
            }

            if (binding.Port == 0)
                return [];

            if (LoopbackListening.IsLoopbackHost(binding.Host))
                fhirBases.Add(new Uri($"{binding.Scheme}://{binding.Host}:{binding.Port}{FhirStoreExtensions.FhirBasePath}"));
        }

        return fhirBases;
    }

    private async Task SendAsync(RequestDelegate pipeline, string path, string host)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = Uri.UriSchemeHttp;
        context.Request.Host = new HostString(host);
        context.Request.Path = path;
        context.Response.Body = Stream.Null;
        await pipeline(context);

        // Any other status means that the first client request of this kind fails too.
        if (context.Response.StatusCode != StatusCodes.Status200OK)
            Log.WarmUpRequestFailed(logger, path, context.Response.StatusCode);
    }
}
