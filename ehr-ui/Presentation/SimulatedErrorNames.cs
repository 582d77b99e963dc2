using Microsoft.AspNetCore.Mvc.Rendering;
using Sandbox.Auth.Launches;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Readable names of the simulated errors: the endpoint and the error it returns, followed by
/// the enum member name that <c>POST /api/launches</c> takes as <c>simulatedError</c>.
/// </summary>
public static class SimulatedErrorNames
{
    /// <summary>Returns the name shown for <paramref name="error"/>.</summary>
    public static string Of(SimulatedError error) => error switch
    {
        SimulatedError.None => "None",
        _ => $"{Describe(error)} ({error})",
    };

    /// <summary>The options of a select of simulated errors; each value is the enum member name, as model binding expects.</summary>
    public static IReadOnlyList<SelectListItem> SelectItems(SimulatedError selected) =>
        Enum.GetValues<SimulatedError>()
            .Select(error => new SelectListItem(Of(error), error.ToString(), error == selected))
            .ToList();

    private static string Describe(SimulatedError error) => error switch
    {
        SimulatedError.AuthorizeInvalidClient => "Authorize: invalid_client",
        SimulatedError.AuthorizeInvalidScope => "Authorize: invalid_scope",
        SimulatedError.AuthorizeAccessDenied => "Authorize: access_denied",
        SimulatedError.AuthorizeInvalidRedirectUri => "Authorize: error page for an unusable redirect URI",
        SimulatedError.TokenInvalidClient => "Token: invalid_client",
        SimulatedError.TokenInvalidGrant => "Token: invalid_grant for the authorization code",
        SimulatedError.TokenExpiredRefreshToken => "Token: invalid_grant for an expired refresh token",
        SimulatedError.TokenServerError => "Token: HTTP 500 server_error",
        SimulatedError.FhirInvalidToken => "FHIR: 401 for an invalid access token",
        SimulatedError.FhirExpiredToken => "FHIR: 401 for an expired access token",
        SimulatedError.FhirForbidden => "FHIR: 403 Forbidden",
        SimulatedError.FhirTooManyRequests => "FHIR: 429 Too Many Requests with Retry-After",
        SimulatedError.FhirServerError => "FHIR: 500 Internal Server Error",
        SimulatedError.FhirUnavailable => "FHIR: 503 Service Unavailable with Retry-After",
        _ => error.ToString(),
    };
}
