using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server;

/// <summary>
/// Descriptions of the client assertion failures that OpenIddict 7.9 reports in words about a
/// token in general: ID2019 ("The specified token is no longer valid.") for an expired
/// assertion and ID2091 ("The signature associated to the specified token is not valid.") for
/// a signature that no registered key verifies. A backend service reading those cannot tell
/// that its client assertion, and not an access token, was rejected.
/// </summary>
internal static class ClientAssertionFailures
{
    private const string ExpiredPage = "/errors/ID2019";
    private const string SignaturePage = "/errors/ID2091";
    private const string MissingTypePage = "/errors/ID2037";

    /// <summary>
    /// Replaces the description and error URI of an assertion failure that OpenIddict described
    /// generically, and returns the new description, or null when the response is left as it is.
    /// </summary>
    public static string? ReplaceGenericDescription(OpenIddictResponse response, JsonWebToken? assertion, DateTimeOffset now)
    {
        var reason = Describe(response.ErrorUri, assertion, now);
        if (reason is null)
            return null;

        response.ErrorDescription = reason;
        response.ErrorUri = null;
        return reason;
    }

    /// <summary>
    /// Replaces the description of the error for a request that has a <c>client_assertion</c> but
    /// no <c>client_assertion_type</c>, and returns whether it did. OpenIddict 7.9 describes that
    /// case with ID2037 as "The 'client_assertion_type' parameter cannot be used without
    /// 'client_assertion'.", the text of the opposite case.
    /// </summary>
    public static bool ReplaceMissingTypeDescription(OpenIddictRequest? request, OpenIddictResponse response)
    {
        if (string.IsNullOrEmpty(request?.ClientAssertion) || !string.IsNullOrEmpty(request.ClientAssertionType))
            return false;

        if (response.ErrorUri?.EndsWith(MissingTypePage, StringComparison.Ordinal) != true)
            return false;

        response.ErrorDescription = "The request has a client_assertion but no client_assertion_type. "
            + "Send client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer with it.";
        response.ErrorUri = null;
        return true;
    }

    private static string? Describe(string? errorUri, JsonWebToken? assertion, DateTimeOffset now)
    {
        if (errorUri?.EndsWith(ExpiredPage, StringComparison.Ordinal) == true)
            return DescribeExpired(assertion, now);

        if (errorUri?.EndsWith(SignaturePage, StringComparison.Ordinal) == true)
            return DescribeBadSignature(assertion);

        return null;
    }

    private static string DescribeExpired(JsonWebToken? assertion, DateTimeOffset now)
    {
        const string Advice = "Sign a new assertion for each token request, with exp at most five minutes ahead.";
        if (assertion is null || !assertion.TryGetPayloadValue<long>("exp", out var exp))
            return $"The client assertion has expired. {Advice}";

        var expiry = DateTimeOffset.FromUnixTimeSeconds(exp);
        return $"The client assertion expired at {UtcTimestamp.Format(expiry)} (exp {exp}), and the server's time is "
            + $"{UtcTimestamp.Format(now)}, which is past it by more than the 60 seconds of clock skew allowed. {Advice}";
    }

    private static string DescribeBadSignature(JsonWebToken? assertion)
    {
        var key = string.IsNullOrEmpty(assertion?.Kid) ? "the keys" : $"the key '{assertion.Kid}'";
        var clientId = string.IsNullOrEmpty(assertion?.Issuer) ? "{clientId}" : assertion.Issuer;
        return $"The client assertion's signature does not verify with {key} registered for app '{clientId}'. "
            + $"Sign it with the private key of a registered public key; GET /api/apps/{clientId} shows them as jwks or jwksUrl.";
    }
}
