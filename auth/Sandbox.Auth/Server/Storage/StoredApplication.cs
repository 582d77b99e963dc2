using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server.Storage;

/// <summary>An application (a registered client) of OpenIddict's application store.</summary>
internal sealed class StoredApplication : IStoredEntity<StoredApplication>
{
    private string? _jsonWebKeySetJson;

    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string? ApplicationType { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret, hashed by OpenIddict's application manager.</summary>
    public string? ClientSecret { get; set; }

    public string? ClientType { get; set; }

    public string? ConsentType { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Localized display names, keyed by culture name.</summary>
    public ImmutableDictionary<string, string> DisplayNames { get; set; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The client's public keys as JSON; <see cref="JsonWebKeySet"/> is parsed from it once.</summary>
    public string? JsonWebKeySetJson
    {
        get => _jsonWebKeySetJson;
        set
        {
            _jsonWebKeySetJson = value;
            JsonWebKeySet = value is null ? null : JsonWebKeySet.Create(value);
        }
    }

    /// <summary>The parsed key set, shared by every copy and never changed in place.</summary>
    [JsonIgnore]
    public JsonWebKeySet? JsonWebKeySet { get; private set; }

    public ImmutableArray<string> Permissions { get; set; } = [];

    public ImmutableArray<string> PostLogoutRedirectUris { get; set; } = [];

    public ImmutableDictionary<string, JsonElement> Properties { get; set; } = ImmutableDictionary<string, JsonElement>.Empty;

    public ImmutableArray<string> RedirectUris { get; set; } = [];

    public ImmutableArray<string> Requirements { get; set; } = [];

    public ImmutableDictionary<string, string> Settings { get; set; } = ImmutableDictionary<string, string>.Empty;

    public StoredApplication Clone() => (StoredApplication)MemberwiseClone();

    /// <summary>Stores a key set as JSON and keeps the parsed object.</summary>
    public void SetJsonWebKeySet(JsonWebKeySet? set)
    {
        _jsonWebKeySetJson = set is null ? null : JsonSerializer.Serialize(set, OpenIddictSerializer.Default.JsonWebKeySet);
        JsonWebKeySet = set;
    }
}
