using System.Collections.Immutable;
using System.Text.Json;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// A scope of OpenIddict's scope store. The sandbox negotiates SMART scopes itself and
/// registers none, but the store keeps any that are created.
/// </summary>
internal sealed class StoredScope : IStoredEntity<StoredScope>
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Localized descriptions, keyed by culture name.</summary>
    public ImmutableDictionary<string, string> Descriptions { get; set; } = ImmutableDictionary<string, string>.Empty;

    public string? DisplayName { get; set; }

    /// <summary>Localized display names, keyed by culture name.</summary>
    public ImmutableDictionary<string, string> DisplayNames { get; set; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, JsonElement> Properties { get; set; } = ImmutableDictionary<string, JsonElement>.Empty;

    public ImmutableArray<string> Resources { get; set; } = [];

    public StoredScope Clone() => (StoredScope)MemberwiseClone();
}
