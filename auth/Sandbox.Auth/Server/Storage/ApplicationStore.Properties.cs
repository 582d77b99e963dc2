using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Server.Storage;

/// <summary>The getters and setters of <see cref="ApplicationStore"/>; setters change only the caller's copy.</summary>
internal sealed partial class ApplicationStore
{
    public ValueTask<string?> GetApplicationTypeAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.ApplicationType);

    public ValueTask<string?> GetClientIdAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.ClientId);

    public ValueTask<string?> GetClientSecretAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.ClientSecret);

    public ValueTask<string?> GetClientTypeAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.ClientType);

    public ValueTask<string?> GetConsentTypeAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.ConsentType);

    public ValueTask<string?> GetDisplayNameAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(
        StoredApplication application,
        CancellationToken cancellationToken) =>
        new(LocalizedText.ToCultures(application.DisplayNames));

    public ValueTask<string?> GetIdAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.Id);

    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.JsonWebKeySet);

    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.Permissions);

    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.PostLogoutRedirectUris);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(
        StoredApplication application,
        CancellationToken cancellationToken) =>
        new(application.Properties);

    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.RedirectUris);

    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.Requirements);

    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(StoredApplication application, CancellationToken cancellationToken) =>
        new(application.Settings);

    public ValueTask SetApplicationTypeAsync(StoredApplication application, string? type, CancellationToken cancellationToken)
    {
        application.ApplicationType = type;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetClientIdAsync(StoredApplication application, string? identifier, CancellationToken cancellationToken)
    {
        application.ClientId = identifier;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetClientSecretAsync(StoredApplication application, string? secret, CancellationToken cancellationToken)
    {
        application.ClientSecret = secret;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetClientTypeAsync(StoredApplication application, string? type, CancellationToken cancellationToken)
    {
        application.ClientType = type;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetConsentTypeAsync(StoredApplication application, string? type, CancellationToken cancellationToken)
    {
        application.ConsentType = type;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetDisplayNameAsync(StoredApplication application, string? name, CancellationToken cancellationToken)
    {
        application.DisplayName = name;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetDisplayNamesAsync(
        StoredApplication application,
        ImmutableDictionary<CultureInfo, string> names,
        CancellationToken cancellationToken)
    {
        application.DisplayNames = LocalizedText.ToNames(names);
        return ValueTask.CompletedTask;
    }

    public ValueTask SetJsonWebKeySetAsync(StoredApplication application, JsonWebKeySet? set, CancellationToken cancellationToken)
    {
        application.SetJsonWebKeySet(set);
        return ValueTask.CompletedTask;
    }

    public ValueTask SetPermissionsAsync(StoredApplication application, ImmutableArray<string> permissions, CancellationToken cancellationToken)
    {
        application.Permissions = permissions.IsDefault ? [] : permissions;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetPostLogoutRedirectUrisAsync(StoredApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken)
    {
        application.PostLogoutRedirectUris = uris.IsDefault ? [] : uris;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetPropertiesAsync(
        StoredApplication application,
        ImmutableDictionary<string, JsonElement> properties,
        CancellationToken cancellationToken)
    {
        application.Properties = properties;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetRedirectUrisAsync(StoredApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken)
    {
        application.RedirectUris = uris.IsDefault ? [] : uris;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetRequirementsAsync(StoredApplication application, ImmutableArray<string> requirements, CancellationToken cancellationToken)
    {
        application.Requirements = requirements.IsDefault ? [] : requirements;
        return ValueTask.CompletedTask;
    }

    public ValueTask SetSettingsAsync(
        StoredApplication application,
        ImmutableDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        application.Settings = settings;
        return ValueTask.CompletedTask;
    }
}
