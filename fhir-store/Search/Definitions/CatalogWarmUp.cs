using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// Builds <see cref="SearchParameterCatalog.Default"/>, then Firely's parsers and serializers,
/// then the expressions of the Patient type, once per process on a thread-pool thread. Whatever
/// needs the catalog first (a write, a search or the CapabilityStatement) waits for that one
/// build. Patient is the type that apps and tests read and write first, and compiling its
/// expressions also loads the code of the FHIRPath compiler that every other type uses.
/// </summary>
/// <remarks>
/// The store's service registration calls <see cref="Begin"/>, so the build overlaps the rest of
/// the host's configuration and start, which run on one thread while the other cores are idle.
/// Starting the host calls it again, for hosts that register the services another way.
/// </remarks>
internal sealed class CatalogWarmUp : IHostedService
{
    private static int _begun;

    /// <summary>Starts the build unless it has started already.</summary>
    public static void Begin()
    {
        if (Interlocked.Exchange(ref _begun, 1) == 0)
            _ = Task.Run(Build, CancellationToken.None);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Begin();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A failed build is not reported here: the catalog keeps the exception and throws it to
    // whatever needs the catalog, and an expression that fails to compile throws to whatever
    // evaluates it.
    private static void Build()
    {
        var catalog = SearchParameterCatalog.Default;
        catalog.EnsureLoaded();
        RuntimeHelpers.RunClassConstructor(typeof(FhirSerializer).TypeHandle);
        catalog.Compile("Patient");
    }
}
