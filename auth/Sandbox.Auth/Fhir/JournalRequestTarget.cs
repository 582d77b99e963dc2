using Microsoft.AspNetCore.Http;

namespace Sandbox.Auth.Fhir;

/// <summary>
/// The method, path and query of a FHIR request as the launch journal records them, with
/// the value of every <c>access_token</c> query parameter replaced by a fixed marker. The
/// FHIR endpoint accepts tokens only in the Authorization header, but a client may still
/// put one in the URL, and the journal is readable by anyone with admin access.
/// </summary>
internal static class JournalRequestTarget
{
    /// <summary>The marker that replaces a token value.</summary>
    public const string RedactedValue = "[redacted]";

    private const string AccessTokenParameter = "access_token";

    /// <summary>Formats the request as <c>METHOD /path?query</c> without access token values.</summary>
    public static string Describe(HttpRequest request) =>
        $"{request.Method} {request.Path}{RedactQuery(request.QueryString)}";

    /// <summary>Replaces the value of each <c>access_token</c> parameter of a query string, keeping the rest as sent.</summary>
    public static string RedactQuery(QueryString query)
    {
        if (!query.HasValue)
            return string.Empty;

        var pairs = query.Value![1..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            if (IsAccessToken(pairs[i]))
                pairs[i] = pairs[i][..pairs[i].IndexOf('=')] + "=" + RedactedValue;
        }

        return "?" + string.Join("&", pairs);
    }

    // Compares the decoded name without regard to case, so that encoded or differently
    // cased spellings of the name are redacted too.
    private static bool IsAccessToken(string pair)
    {
        var separator = pair.IndexOf('=');
        if (separator < 0)
            return false;

        var name = Uri.UnescapeDataString(pair[..separator].Replace('+', ' '));
        return name.Equals(AccessTokenParameter, StringComparison.OrdinalIgnoreCase);
    }
}
