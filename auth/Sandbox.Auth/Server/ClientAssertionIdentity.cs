using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using Sandbox.Auth.Apps;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Server;

/// <summary>
/// Checks that a client assertion names one client throughout, as RFC 7523 section 3 and SMART
/// Backend Services require: <c>iss</c> equals <c>sub</c>, a <c>client_id</c> sent beside it
/// equals <c>iss</c>, and a <c>kid</c> header names one of the app's keys when its keys have ids.
/// </summary>
internal static class ClientAssertionIdentity
{
    /// <summary>Returns why the assertion does not identify the client consistently, or null.</summary>
    public static string? FindProblem(JsonWebToken assertion, ClaimsPrincipal principal, string? requestClientId, SmartApp? app)
    {
        var issuer = principal.GetClaim(Claims.Issuer);
        var subject = principal.GetClaim(Claims.Subject);
        if (!string.Equals(issuer, subject, StringComparison.Ordinal))
            return $"The client assertion's iss '{issuer}' and sub '{subject}' differ; both must be the client_id.";

        if (requestClientId is not null && !string.Equals(requestClientId, issuer, StringComparison.Ordinal))
            return $"client_id '{requestClientId}' does not match the client assertion's iss '{issuer}'.";

        return FindUnknownKeyId(assertion, app);
    }

    // An app registered with a JWKS URL has no key ids on record here, so only inline keys are checked.
    private static string? FindUnknownKeyId(JsonWebToken token, SmartApp? app)
    {
        if (string.IsNullOrEmpty(token.Kid) || app?.Jwks?["keys"] is not { } keys)
            return null;

        var keyIds = keys.AsArray()
            .Select(key => key?["kid"])
            .Where(kid => kid?.GetValueKind() == JsonValueKind.String)
            .Select(kid => kid!.GetValue<string>())
            .ToList();
        return keyIds.Count == 0 || keyIds.Contains(token.Kid, StringComparer.Ordinal)
            ? null
            : $"The client assertion's kid '{token.Kid}' names none of the keys registered for the app.";
    }
}
