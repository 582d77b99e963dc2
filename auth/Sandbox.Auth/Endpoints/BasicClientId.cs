using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sandbox.Auth.Endpoints;

/// <summary>Compares the client id of HTTP Basic authentication with a <c>client_id</c> in the request body.</summary>
internal static class BasicClientId
{
    /// <summary>
    /// Returns why the two client ids differ, or null when they match or only one is sent.
    /// RFC 6749 section 2.3 allows one authentication method per request, so two different
    /// client ids cannot both be the caller.
    /// </summary>
    public static async Task<string?> FindMismatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var basicUser = ReadBasicUser(request.Headers[HeaderNames.Authorization].ToString());
        if (basicUser is null || !request.HasFormContentType)
            return null;

        var form = await request.ReadFormAsync(cancellationToken);
        var bodyClientId = form["client_id"].ToString();
        return bodyClientId.Length == 0 || string.Equals(bodyClientId, basicUser, StringComparison.Ordinal)
            ? null
            : $"client_id '{bodyClientId}' in the body does not match the client '{basicUser}' of the Basic authorization header.";
    }

    // RFC 6749 section 2.3.1: the user name is the form-urlencoded client id.
    private static string? ReadBasicUser(string header)
    {
        const string basic = "Basic ";
        if (!header.StartsWith(basic, StringComparison.OrdinalIgnoreCase))
            return null;

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[basic.Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
