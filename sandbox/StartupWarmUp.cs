using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Rest.Capabilities;

namespace Sandbox.Host;

/// <summary>
/// Runs the code of the first requests once on the thread pool while the sandbox starts, so
/// that their JIT compilation and type loading are done before the first request: the
/// CapabilityStatement of <c>/fhir/metadata</c> (which waits for the search parameter catalog)
/// and the parsing and writing of a Patient, as a first <c>PUT</c> does. It writes nothing to
/// the store and changes no state that a client can see.
/// </summary>
/// <remarks>
/// The statement builder is resolved on the warm-up's thread, because resolving it builds the
/// search parameter catalog, which would otherwise hold up the start of the hosted services.
/// </remarks>
internal sealed class StartupWarmUp(
    IServiceProvider services,
    ILogger<StartupWarmUp> logger) : IHostedLifecycleService
{
    private static readonly Uri PlaceholderBase = new("http://127.0.0.1/fhir");

    private static readonly byte[] SamplePatient =
        """{"resourceType":"Patient","id":"warm-up","name":[{"family":"Warm","given":["Up"]}],"birthDate":"2000-01-01"}"""u8.ToArray();

    private Task _completion = Task.CompletedTask;

    /// <summary>Completes when the warm-up has run, whether it succeeded or not.</summary>
    public Task Completion => _completion;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _completion = Task.Run(WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarmUp()
    {
        try
        {
            var patient = FhirSerializer.ParseJson(SamplePatient);
            FhirSerializer.Write(patient, FhirFormat.Json, pretty: false, Stream.Null);

            var capabilities = services.GetRequiredService<CapabilityStatementBuilder>();
            var statement = capabilities.Build(PlaceholderBase);
            FhirSerializer.Write(statement, FhirFormat.Json, pretty: false, Stream.Null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.WarmUpFailed(logger, exception);
        }
    }
}
