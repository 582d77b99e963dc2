using System.Collections.Immutable;
using System.Text.Json;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// A token entry of OpenIddict's token store: an authorization code, an access token, an
/// identity token or a refresh token, with its status and redemption date.
/// </summary>
internal sealed class StoredToken : IStoredEntity<StoredToken>
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string? ApplicationId { get; set; }

    public string? AuthorizationId { get; set; }

    public DateTimeOffset? CreationDate { get; set; }

    public DateTimeOffset? ExpirationDate { get; set; }

    public string? Payload { get; set; }

    public ImmutableDictionary<string, JsonElement> Properties { get; set; } = ImmutableDictionary<string, JsonElement>.Empty;

    public DateTimeOffset? RedemptionDate { get; set; }

    public string? ReferenceId { get; set; }

    public string? Status { get; set; }

    public string? Subject { get; set; }

    public string? Type { get; set; }

    public StoredToken Clone() => (StoredToken)MemberwiseClone();
}
