using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sandbox.Auth.Headless;

/// <summary>
/// The 200 response body of <c>POST /api/launches/headless</c>: the JSON that the token endpoint returned
/// to the app, passed on unchanged. The launch context parameters are present only when the
/// granted scopes ask for them, as in a browser launch.
/// </summary>
/// <remarks>
/// The endpoint returns the token endpoint's JSON object as it is, so this type only describes
/// that object in the OpenAPI document. The launch's <c>extra</c> parameters are further string
/// members of the object, which <see cref="HeadlessTokenResponseSchema"/> allows.
/// </remarks>
public sealed record HeadlessTokenResponse
{
    /// <summary>The access token, a JWT whose <c>aud</c> is the FHIR base URL.</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public required string TokenType { get; init; }

    /// <summary>The lifetime of the access token in seconds.</summary>
    [JsonPropertyName("expires_in")]
    public required int ExpiresIn { get; init; }

    /// <summary>The granted scopes, separated by spaces. They may be fewer than the requested ones.</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    /// <summary>A refresh token, present when <c>offline_access</c> or <c>online_access</c> was granted.</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>An OpenID Connect id_token, present when <c>openid</c> was granted to a launch with a user.</summary>
    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    /// <summary>The id of the patient in context, with <c>launch</c> or <c>launch/patient</c>.</summary>
    [JsonPropertyName("patient")]
    public string? Patient { get; init; }

    /// <summary>The id of the encounter in context, with <c>launch</c> or <c>launch/encounter</c>.</summary>
    [JsonPropertyName("encounter")]
    public string? Encounter { get; init; }

    /// <summary>Whether the app should show a patient banner, with <c>launch</c> or <c>launch/patient</c>.</summary>
    [JsonPropertyName("need_patient_banner")]
    public bool? NeedPatientBanner { get; init; }

    /// <summary>The launch's further context items as SMART App Launch 2.2 defines them, with <c>launch</c>.</summary>
    [JsonPropertyName("fhirContext")]
    public IReadOnlyList<JsonObject>? FhirContext { get; init; }

    /// <summary>The launch's <c>smart_style_url</c>, with <c>launch</c>.</summary>
    [JsonPropertyName("smart_style_url")]
    public string? SmartStyleUrl { get; init; }

    /// <summary>The launch's <c>intent</c>, with <c>launch</c>.</summary>
    [JsonPropertyName("intent")]
    public string? Intent { get; init; }

    /// <summary>The launch's <c>tenant</c>, with <c>launch</c>.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; init; }

}
