using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server;

/// <summary>
/// Removes expired and revoked tokens and authorizations from the database every hour, so a
/// sandbox that launches apps all day keeps a small token table.
/// </summary>
internal sealed class TokenPruning(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    ILogger<TokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // Entries younger than this stay, so a just-replayed code can still be recognised.
    private static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.PruningFailed(logger, exception);
            }
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var threshold = timeProvider.GetUtcNow() - MinimumAge;
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        Log.TokensPruned(logger, tokens, authorizations);
    }
}
