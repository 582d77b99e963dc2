using Microsoft.Extensions.Hosting;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// Starts building <see cref="SearchParameterCatalog.Default"/> on a thread-pool thread when
/// the host starts, so that it overlaps the other start-up work. Whatever needs the catalog
/// first (a write, a search or the CapabilityStatement) waits for that one build.
/// </summary>
internal sealed class CatalogWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(SearchParameterCatalog.Default.EnsureCompiled, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
