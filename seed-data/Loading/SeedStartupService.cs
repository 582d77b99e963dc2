using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Storage;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Creates the seed apps' credentials and loads the seed before the server takes requests.
/// A WebApplication starts its hosted services before Kestrel listens (checked on .NET 10).
/// </summary>
internal sealed class SeedStartupService(
    IServiceProvider services,
    SeedAppCredentialStore credentials,
    DataFolder dataFolder,
    ILogger<SeedStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The seed apps' key pairs (an RSA one among them) are generated while the seed loads.
        var credentialsCreated = Task.Run(credentials.LoadOrCreate, CancellationToken.None);
        await Task.WhenAll(credentialsCreated, LoadSeedAsync(cancellationToken));

        Log.CredentialsReady(logger, dataFolder.GetFilePath(SeedAppCredentialStore.FolderName));
    }

    private async Task LoadSeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IResourceStore>() is null)
        {
            Log.NoStore(logger);
            return;
        }

        await services.GetRequiredService<SeedLoader>().LoadIfEmptyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
