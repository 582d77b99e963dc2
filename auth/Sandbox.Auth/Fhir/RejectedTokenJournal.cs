using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Sandbox.Auth.Journal;

namespace Sandbox.Auth.Fhir;

/// <summary>
/// Records a FHIR request whose access token failed validation (expired, revoked, signed by
/// another key) in the journal of the launch the token names, read from its unverified
/// claims, so the inspector shows the 401 on that launch. Only journals that already exist
/// are written to, so a forged token cannot add launches to the inspector.
/// </summary>
internal static class RejectedTokenJournal
{
    private const string BearerPrefix = "Bearer ";

    public static void Record(HttpContext context, ILaunchJournal journal, string reason)
    {
        var token = ReadToken(context.Request);
        if (token is null)
            return;

        var key = Claim(token, ContextClaims.Launch) ?? Claim(token, ContextClaims.Journal);
        if (key is null || journal.Find(key) is null)
            return;

        var request = context.Request;
        var expiry = token.ValidTo == DateTime.MinValue
            ? string.Empty
            : $" The token's exp is {UtcTimestamp.Format(token.ValidTo)}.";
        journal.Record(key, "fhir", LaunchEventOutcome.Failed,
            $"{JournalRequestTarget.Describe(request)} returned 401: {reason}{expiry}");
    }

    /// <summary>
    /// Returns the <c>exp</c> of the request's bearer token, read without validation, when it
    /// has passed, or null. A rejected token that only expired then gets a 401 that names its expiry.
    /// </summary>
    public static DateTime? PassedExpiry(HttpRequest request, DateTimeOffset now)
    {
        var token = ReadToken(request);
        return token is null || token.ValidTo == DateTime.MinValue || token.ValidTo > now.UtcDateTime ? null : token.ValidTo;
    }

    private static JsonWebToken? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return null;

        var handler = new JsonWebTokenHandler();
        var text = header[BearerPrefix.Length..].Trim();
        return handler.CanReadToken(text) ? handler.ReadJsonWebToken(text) : null;
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) ? value : null;
}
