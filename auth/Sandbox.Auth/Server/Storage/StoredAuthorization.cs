using System.Collections.Immutable;
using System.Text.Json;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// An authorization of OpenIddict's authorization store: the grant that a subject gave an
/// application, which the tokens issued under it point to.
/// </summary>
internal sealed class StoredAuthorization : IStoredEntity<StoredAuthorization>
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string? ApplicationId { get; set; }

    public DateTimeOffset? CreationDate { get; set; }

    public ImmutableDictionary<string, JsonElement> Properties { get; set; } = ImmutableDictionary<string, JsonElement>.Empty;

    public ImmutableArray<string> Scopes { get; set; } = [];

    public string? Status { get; set; }

    public string? Subject { get; set; }

    public string? Type { get; set; }

    public StoredAuthorization Clone() => (StoredAuthorization)MemberwiseClone();
}
