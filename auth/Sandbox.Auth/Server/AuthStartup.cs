using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Server.Storage;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Server;

/// <summary>
/// Prepares the authorization server before the sandbox serves requests: loads the stored
/// apps, authorizations and tokens (by taking <see cref="AuthEntities"/>), the signing keys and
/// the registered apps' CORS origins, and signs one throwaway token to warm the signing path.
/// The work runs beside the other services' start, as <see cref="StartupWork"/> describes.
/// </summary>
internal sealed class AuthStartup(IServiceProvider services) : StartupWork
{
    // The services are resolved here, on the thread pool, and not in the constructor, because
    // the host constructs every hosted service on its own thread before it starts any of them.
    // Opening the auth database and loading the keys there held back the rest of the start.
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<AuthEntities>().Tokens.Count;
        await services.GetRequiredService<AllowedOrigins>().LoadAsync(cancellationToken);
        WarmUpSigning(services.GetRequiredService<ServerKeys>());
    }

    // The first RS256 signature and the first JWT the token handler writes are slow because
    // of JIT compilation and key set-up. Doing them here keeps that cost off the first launch.
    private static void WarmUpSigning(ServerKeys keys)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "warm-up" },
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256),
        };
        _ = new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
