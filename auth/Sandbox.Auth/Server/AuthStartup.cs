using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Server.Storage;

namespace Sandbox.Auth.Server;

/// <summary>
/// Prepares the authorization server before the sandbox serves requests: loads the stored
/// apps, authorizations and tokens (by taking <see cref="AuthEntities"/>), the signing keys and
/// the registered apps' CORS origins, and signs one throwaway token to warm the signing path.
/// </summary>
/// <remarks>
/// The work runs on the thread pool from <see cref="StartingAsync"/>, while the other services
/// start and Kestrel binds, and <see cref="StartedAsync"/> waits for it. The host reports itself
/// started only after that, and the sandbox delays requests until then.
/// </remarks>
internal sealed class AuthStartup(
    AuthEntities entities,
    ServerKeys keys,
    AllowedOrigins origins) : IHostedLifecycleService
{
    private Task? _work;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => PrepareAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken) =>
        await (_work ?? PrepareAsync(cancellationToken));

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _ = entities.Tokens.Count;
        await origins.LoadAsync(cancellationToken);
        WarmUpSigning();
    }

    // The first RS256 signature and the first JWT the token handler writes are slow because
    // of JIT compilation and key set-up. Doing them here keeps that cost off the first launch.
    private void WarmUpSigning()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "warm-up" },
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256),
        };
        _ = new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
