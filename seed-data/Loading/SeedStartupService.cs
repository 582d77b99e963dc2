using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Storage;
using Sandbox.SeedData.Apps;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Creates the seed apps' credentials and loads the seed while the host starts, and holds
/// back the host's start until both are done.
/// </summary>
/// <remarks>
/// The work begins in <see cref="StartupWork.StartingAsync"/>, which the host calls for every lifecycle
/// service before the first <see cref="StartupWork.StartAsync"/>, so the seed loads while the other
/// services start and Kestrel binds its addresses (a WebApplication starts Kestrel after the
/// other hosted services, checked on .NET 10). <see cref="StartupWork.StartedAsync"/> waits for it, and the
/// host reports itself started only after every <c>StartedAsync</c>. A host that serves
/// requests must therefore hold them until then, as the sandbox's start-up gate does, or a
/// client could find the store empty.
/// </remarks>
internal sealed class SeedStartupService(
    IServiceProvider services,
    SeedAppCredentialStore credentials,
    DataFolder dataFolder,
    ILogger<SeedStartupService> logger) : StartupWork
{
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
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
}
