using System.Net;
using System.Text.Json;

namespace Sandbox.Benchmarks.BackendTokens;

/// <summary>
/// One <c>client_credentials</c> token request as SMART Backend Services sends it: the client
/// authenticates with a <c>private_key_jwt</c> assertion and sends no <c>client_id</c>.
/// </summary>
internal static class TokenRequest
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Requests a token with the next assertion of the pool; returns null on success, else what went wrong.</summary>
    /// <param name="client">The load generator's client, whose base address is the server's root URL.</param>
    /// <param name="tokenPath">The token endpoint relative to the root URL.</param>
    /// <param name="assertions">The pre-signed assertions for this endpoint.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    public static async Task<string?> SendAsync(
        HttpClient client,
        string tokenPath,
        AssertionPool assertions,
        CancellationToken cancellationToken)
    {
        if (!assertions.TryTake(out var assertion))
            return "every pre-signed client assertion was used; sign more for the run's request bound";

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = BackendClient.Scope,
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        };
        using var content = new FormUrlEncodedContent(form);
        try
        {
            using var response = await client.PostAsync(tokenPath, content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? FindMissingToken(body)
                : $"POST {tokenPath} returned {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}";
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return $"POST {tokenPath} failed: {exception.Message}";
        }
    }

    private static string? FindMissingToken(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
                ? null
                : "the token response has no access_token";
        }
        catch (JsonException)
        {
            return "the token response is not JSON";
        }
    }
}
