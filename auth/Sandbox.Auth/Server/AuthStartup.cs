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
internal sealed class AuthStartup(
    AuthEntities entities,
    ServerKeys keys,
    AllowedOrigins origins) : StartupWork
{
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
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
}
