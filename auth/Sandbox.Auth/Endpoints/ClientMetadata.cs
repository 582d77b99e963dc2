using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Client metadata as RFC 7591 names it. Members it does not list are skipped, because RFC 7591
/// section 2 requires the server to ignore client metadata that it does not understand.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record ClientMetadata
{
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    [JsonPropertyName("client_secret")] public string? ClientSecret { get; init; }
    [JsonPropertyName("client_id_issued_at")] public long? ClientIdIssuedAt { get; init; }
    [JsonPropertyName("client_secret_expires_at")] public long? ClientSecretExpiresAt { get; init; }
    [JsonPropertyName("redirect_uris")] public IReadOnlyList<string>? RedirectUris { get; init; }
    [JsonPropertyName("client_name")] public string? ClientName { get; init; }
    [JsonPropertyName("logo_uri")] public string? LogoUri { get; init; }
    [JsonPropertyName("scope")] public string? Scope { get; init; }
    [JsonPropertyName("response_types")] public IReadOnlyList<string>? ResponseTypes { get; init; }
    [JsonPropertyName("grant_types")] public IReadOnlyList<string>? GrantTypes { get; init; }
    [JsonPropertyName("token_endpoint_auth_method")] public string? TokenEndpointAuthMethod { get; init; }
    [JsonPropertyName("jwks")] public JsonObject? Jwks { get; init; }
    [JsonPropertyName("jwks_uri")] public string? JwksUri { get; init; }
}
