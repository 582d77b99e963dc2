using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.Auth.Server.Storage;

/// <summary>Registers the sandbox's in-memory, SQLite-backed stores with OpenIddict.</summary>
internal static class StorageRegistration
{
    /// <summary>
    /// Makes OpenIddict's managers use <see cref="ApplicationStore"/>, <see cref="AuthorizationStore"/>,
    /// <see cref="ScopeStore"/> and <see cref="TokenStore"/>, one instance each per process.
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
            .ReplaceApplicationStore<StoredApplication, ApplicationStore>(ServiceLifetime.Singleton)
            .ReplaceAuthorizationStore<StoredAuthorization, AuthorizationStore>(ServiceLifetime.Singleton)
            .ReplaceScopeStore<StoredScope, ScopeStore>(ServiceLifetime.Singleton)
            .ReplaceTokenStore<StoredToken, TokenStore>(ServiceLifetime.Singleton);
    }
}
