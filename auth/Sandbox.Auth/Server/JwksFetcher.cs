using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Auth.Apps;

namespace Sandbox.Auth.Server;

/// <summary>
/// Fetches the JWK Set an app registered by URL, at registration and when one of its client
/// assertions is validated. The request follows no redirect, gives up after a few seconds and reads at most
/// <see cref="MaxBytes"/>, so a registered URL cannot make the sandbox wait or buffer without end.
/// </summary>
public sealed class JwksFetcher(IHttpClientFactory httpClientFactory, ILogger<JwksFetcher> logger)
{
    /// <summary>The named HTTP client: no redirects, a short timeout and a response size limit.</summary>
    public const string HttpClientName = "Sandbox.Auth.Jwks";

    /// <summary>The largest JWK Set accepted, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>How long a fetch may take in all.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Returns the keys at the app's JWKS URL, or null when the fetch or the parsing failed.</summary>
    public async Task<JsonWebKeySet?> FetchAsync(SmartApp app, CancellationToken cancellationToken)
    {
        var url = app.JwksUrl!;
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Log.JwksFetchFailed(logger, app.ClientId!, url, $"HTTP status {(int)response.StatusCode}");
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (FindInvalidKey(text) is { } problem)
            {
                Log.JwksFetchFailed(logger, app.ClientId!, url, problem);
                return null;
            }

            var set = new JsonWebKeySet(text);
            return set.Keys.Count > 0 ? set : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            // The detail goes to the log only: a client must not learn how the network responded.
            Log.JwksFetchFailed(logger, app.ClientId!, url, $"{exception.GetType().Name}: {exception.Message}");
            return null;
        }
    }

    // The keys at a URL pass the same checks as a JWK Set registered inline, so that a private
    // key published by mistake, or a key that cannot verify anything, is never used.
    private static string? FindInvalidKey(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject jwks)
                return "The response is not a JSON object.";

            JwksValidator.Validate(jwks);
            return null;
        }
        catch (JsonException exception)
        {
            return $"The response is not valid JSON: {exception.Message}";
        }
        catch (AppRegistrationException exception)
        {
            return exception.Message;
        }
    }
}
