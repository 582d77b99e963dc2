using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.Auth.Server.Storage;

/// <summary>Registers the sandbox's in-memory, SQLite-backed stores with OpenIddict.</summary>
internal static class StorageRegistration
{
    /// <summary>
    /// Makes OpenIddict's managers use <see cref="ApplicationStore"/>, <see cref="AuthorizationStore"/>,
    /// <see cref="ScopeStore"/> and <see cref="TokenStore"/>. The entities are held once per process
    /// in <see cref="AuthEntities"/>; the stores are created per request scope, because they
    /// track the copies they hand out.
    /// </summary>
    public static OpenIddictCoreBuilder UseSandboxStores(this OpenIddictCoreBuilder core)
    {
        core.Services.AddSingleton<AuthDatabase>();
        core.Services.AddSingleton<AuthEntities>();

        // The stores read from memory already, so OpenIddict's per-request entity cache
        // would only copy what they return.
        core.DisableEntityCaching();

        return core
            .SetDefaultApplicationEntity<StoredApplication>()
            .SetDefaultAuthorizationEntity<StoredAuthorization>()
            .SetDefaultScopeEntity<StoredScope>()
            .SetDefaultTokenEntity<StoredToken>()
            .ReplaceApplicationStore<StoredApplication, ApplicationStore>(ServiceLifetime.Scoped)
            .ReplaceAuthorizationStore<StoredAuthorization, AuthorizationStore>(ServiceLifetime.Scoped)
            .ReplaceScopeStore<StoredScope, ScopeStore>(ServiceLifetime.Scoped)
            .ReplaceTokenStore<StoredToken, TokenStore>(ServiceLifetime.Scoped);
    }
}
