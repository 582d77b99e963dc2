using System.Text.Json.Serialization;
using Sandbox.Auth.Api;

namespace Sandbox.Auth.Launches;

/// <summary>
/// A failure the sandbox produces on purpose during one launch, so an app's error handling
/// can be tried. Each value names the place it fires and the error it produces.
/// </summary>
[JsonConverter(typeof(NamedEnumConverter<SimulatedError>))]
public enum SimulatedError
{
    None,

    /// <summary>The authorize endpoint redirects with <c>invalid_client</c>.</summary>
    AuthorizeInvalidClient,

    /// <summary>The authorize endpoint redirects with <c>invalid_scope</c>.</summary>
    AuthorizeInvalidScope,

    /// <summary>The authorize endpoint redirects with <c>access_denied</c>.</summary>
    AuthorizeAccessDenied,

    /// <summary>The authorize endpoint shows an error page for a redirect URI it will not use.</summary>
    AuthorizeInvalidRedirectUri,

    /// <summary>The token endpoint returns <c>invalid_client</c>.</summary>
    TokenInvalidClient,

    /// <summary>The token endpoint returns <c>invalid_grant</c> for the authorization code.</summary>
    TokenInvalidGrant,

    /// <summary>The token endpoint returns <c>invalid_grant</c> for a refresh token, as if it had expired.</summary>
    TokenExpiredRefreshToken,

    /// <summary>The token endpoint returns HTTP 500 with <c>server_error</c>.</summary>
    TokenServerError,

    /// <summary>FHIR calls return 401 as if the access token were invalid.</summary>
    FhirInvalidToken,

    /// <summary>FHIR calls return 401 as if the access token had expired.</summary>
    FhirExpiredToken,

    /// <summary>FHIR calls return 403.</summary>
    FhirForbidden,

    /// <summary>FHIR calls return 429 with <c>Retry-After</c>.</summary>
    FhirTooManyRequests,

    /// <summary>FHIR calls return 500.</summary>
    FhirServerError,

    /// <summary>FHIR calls return 503 with <c>Retry-After</c>.</summary>
    FhirUnavailable,
}
