using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Apps;

/// <summary>
/// The registered apps. They live in OpenIddict's application store (the SQLite database in
/// the data folder); the sandbox's own settings ride along as an application property and
/// are cached here, so the launch path reads no database row for them.
/// </summary>
public sealed class AppRegistry(
    IServiceScopeFactory scopeFactory,
    Server.JwksFetcher jwksFetcher,
    ILogger<AppRegistry> logger)
{
    private const string SettingsProperty = "sandbox_app";
    private const string RefreshTokensMember = "refreshTokens";

    private readonly ConcurrentDictionary<string, SmartApp> _cache = new(StringComparer.Ordinal);

    /// <summary>Raised after an app is added or replaced (with the app) or removed (with null).</summary>
    public event Action<string, SmartApp?>? Changed;

    /// <summary>
    /// Registers an app and returns it as stored, with its generated client id and secret.
    /// Throws <see cref="AppRegistrationException"/> for an invalid or duplicate registration.
    /// </summary>
    public async Task<SmartApp> RegisterAsync(SmartApp app, CancellationToken cancellationToken)
    {
        var complete = Complete(app);
        AppValidator.Validate(complete);
        var jwks = await ResolveJwksAsync(complete, cancellationToken);

        await using var scope = scopeFactory.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(complete.ClientId!, cancellationToken) is not null)
            throw new AppRegistrationException($"An app with client_id '{complete.ClientId}' exists already.", isConflict: true);

        await manager.CreateAsync(BuildDescriptor(complete, jwks), cancellationToken);
        Remember(complete);
        Log.AppRegistered(logger, complete.ClientId!, complete.Kind.ToString());
        return complete;
    }

    /// <summary>Replaces a registered app; returns false when no app has that client id.</summary>
    public async Task<bool> ReplaceAsync(SmartApp app, CancellationToken cancellationToken)
    {
        AppValidator.Validate(app);
        var jwks = await ResolveJwksAsync(app, cancellationToken);

        await using var scope = scopeFactory.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var entity = await manager.FindByClientIdAsync(app.ClientId!, cancellationToken);
        if (entity is null)
            return false;

        var previous = await FindAsync(app.ClientId!, cancellationToken);
        var secret = app.Kind == AppKind.ConfidentialSymmetric ? app.ClientSecret ?? previous?.ClientSecret : null;
        var stored = app with { ClientSecret = secret };
        if (stored.Kind == AppKind.ConfidentialSymmetric && stored.ClientSecret is null)
            throw new AppRegistrationException("A confidential app needs its clientSecret when it is replaced.");

        await manager.UpdateAsync(entity, BuildDescriptor(stored, jwks), cancellationToken);
        Remember(stored);
        if (previous?.RefreshTokens == true && !stored.RefreshTokens)
            await RevokeRefreshTokensAsync(scope.ServiceProvider, stored.ClientId!, await manager.GetIdAsync(entity, cancellationToken), cancellationToken);

        return true;
    }

    // An app that may no longer use refresh tokens loses the ones it holds, so introspection
    // reports them inactive and they stay revoked if refresh tokens are allowed again later.
    private async Task RevokeRefreshTokensAsync(
        IServiceProvider services,
        string clientId,
        string? applicationId,
        CancellationToken cancellationToken)
    {
        if (applicationId is null)
            return;

        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        var count = await tokens.RevokeAsync(
            subject: null,
            client: applicationId,
            status: Statuses.Valid,
            type: TokenTypeIdentifiers.RefreshToken,
            cancellationToken);
        Log.RefreshTokensRevoked(logger, clientId, count);
    }

    /// <summary>Removes an app; returns false when no app has that client id.</summary>
    public async Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var entity = await manager.FindByClientIdAsync(clientId, cancellationToken);
        if (entity is null)
            return false;

        await manager.DeleteAsync(entity, cancellationToken);
        _cache.TryRemove(clientId, out _);
        Changed?.Invoke(clientId, null);
        return true;
    }

    /// <summary>Finds an app by client id, or returns null.</summary>
    public async ValueTask<SmartApp?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        // OpenIddict 7.9's FindByClientIdAsync throws ArgumentException for an empty client id.
        if (clientId.Length == 0)
            return null;

        if (_cache.TryGetValue(clientId, out var cached))
            return cached;

        await using var scope = scopeFactory.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var entity = await manager.FindByClientIdAsync(clientId, cancellationToken);
        if (entity is null)
            return null;

        var app = await ReadAsync(manager, entity, cancellationToken);
        _cache[clientId] = app;
        return app;
    }

    /// <summary>Lists every registered app.</summary>
    public async Task<IReadOnlyList<SmartApp>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var apps = new List<SmartApp>();
        await foreach (var entity in manager.ListAsync(count: null, offset: null, cancellationToken))
            apps.Add(await ReadAsync(manager, entity, cancellationToken));

        foreach (var app in apps)
            _cache[app.ClientId!] = app;

        return apps;
    }

    private void Remember(SmartApp app)
    {
        _cache[app.ClientId!] = app;
        Changed?.Invoke(app.ClientId!, app);
    }

    private static SmartApp Complete(SmartApp app)
    {
        var clientId = string.IsNullOrWhiteSpace(app.ClientId) ? NewToken(16) : app.ClientId;
        var secret = app.Kind == AppKind.ConfidentialSymmetric ? app.ClientSecret ?? NewToken(32) : null;
        return app with { ClientId = clientId, ClientSecret = secret };
    }

    private static string NewToken(int bytes) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));

    // NOTE: OpenIddict 7.9 stores a confidential client only with a secret or a non-empty key
    // set, so the keys at a JWKS URL are fetched here once. The fetcher has a short timeout, a
    // size limit and no redirects, and it keeps network detail out of the message.
    private async Task<JsonWebKeySet?> ResolveJwksAsync(SmartApp app, CancellationToken cancellationToken)
    {
        if (app.Jwks is not null)
            return ParseJwks(app.Jwks.ToJsonString());

        if (app.JwksUrl is null)
            return null;

        return await jwksFetcher.FetchAsync(app, cancellationToken)
            ?? throw new AppRegistrationException("The JWKS at the registered URL could not be fetched or contains a key that is not a valid public signing key; check that jwksUrl serves the app's public JWK Set (the sandbox log names the problem).");
    }

    private static JsonWebKeySet ParseJwks(string json)
    {
        try
        {
            var set = new JsonWebKeySet(json);
            if (set.Keys.Count == 0)
                throw new AppRegistrationException("The JWK Set contains no key.");

            return set;
        }
        catch (ArgumentException exception)
        {
            throw new AppRegistrationException($"The JWK Set is invalid: {exception.Message}");
        }
    }

    private static async Task<SmartApp> ReadAsync(
        IOpenIddictApplicationManager manager,
        object entity,
        CancellationToken cancellationToken)
    {
        var properties = await manager.GetPropertiesAsync(entity, cancellationToken);
        if (properties.TryGetValue(SettingsProperty, out var element)
            && element.Deserialize<SmartApp>(AppJson.Options) is { } app)
        {
            // NOTE: the source-generated AppJsonContext sets an init-only member that the JSON
            // lacks to default(T) and skips its initializer. Settings stored before refreshTokens
            // existed lack it, and those apps keep the refresh tokens they had. Backend services
            // stored before true was rejected for them may have true, which never took effect,
            // so they load with false and their GET body can be PUT back.
            var refreshTokens = app.Kind != AppKind.BackendService
                && (app.RefreshTokens || !element.TryGetProperty(RefreshTokensMember, out _));
            return app with { RefreshTokens = refreshTokens };
        }

        // An application created outside the registry: describe it with what OpenIddict stores.
        return new SmartApp
        {
            ClientId = await manager.GetClientIdAsync(entity, cancellationToken),
            Name = await manager.GetDisplayNameAsync(entity, cancellationToken) ?? "(unnamed)",
            RedirectUris = (await manager.GetRedirectUrisAsync(entity, cancellationToken)).ToList(),
        };
    }

    private static OpenIddictApplicationDescriptor BuildDescriptor(SmartApp app, JsonWebKeySet? jwks)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = app.ClientId,
            ClientSecret = app.ClientSecret,
            ClientType = app.Kind == AppKind.Public ? ClientTypes.Public : ClientTypes.Confidential,
            DisplayName = app.Name,
            JsonWebKeySet = jwks,
        };
        foreach (var uri in app.RedirectUris)
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));

        // The PKCE policy is enforced by the authorize endpoint, which can answer with an error
        // redirect; OpenIddict's own requirement check would show an error page instead.
        AddPermissions(descriptor, app);

        // The secret is stored hashed by OpenIddict; the copy in the settings serves the admin
        // API, which shows sandbox secrets on purpose.
        descriptor.Properties[SettingsProperty] = JsonSerializer.SerializeToElement(app, AppJson.Options);
        return descriptor;
    }

    private static void AddPermissions(OpenIddictApplicationDescriptor descriptor, SmartApp app)
    {
        var kind = app.Kind;
        var permissions = descriptor.Permissions;
        permissions.Add(Permissions.Endpoints.Token);
        permissions.Add(Permissions.Endpoints.Revocation);
        if (kind != AppKind.Public)
            permissions.Add(Permissions.Endpoints.Introspection);

        if (kind == AppKind.BackendService)
        {
            permissions.Add(Permissions.GrantTypes.ClientCredentials);
            return;
        }

        permissions.Add(Permissions.Endpoints.Authorization);
        permissions.Add(Permissions.GrantTypes.AuthorizationCode);
        permissions.Add(Permissions.ResponseTypes.Code);

        // Without this permission OpenIddict rejects offline_access at the authorize endpoint,
        // so Server.RefreshTokenGrantCheck hides that scope from it for such an app.
        if (app.RefreshTokens)
            permissions.Add(Permissions.GrantTypes.RefreshToken);
    }
}
