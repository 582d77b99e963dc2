using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sandbox.Auth.Apps;

namespace Sandbox.Auth.Server;

/// <summary>
/// Prepares the authorization server before the sandbox serves requests: creates the SQLite
/// database, loads the signing keys and the registered apps' CORS origins.
/// </summary>
internal sealed class AuthStartup(
    IServiceScopeFactory scopeFactory,
    ServerKeys keys,
    AllowedOrigins origins) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.SigningKey;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<AuthDbContext>().Database;
            await database.EnsureCreatedAsync(cancellationToken);
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await origins.LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
