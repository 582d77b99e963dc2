using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sandbox.Auth.Interaction;
using Sandbox.Smart;

namespace Sandbox.Auth.Journal;

/// <summary>
/// Finds the journal key of an authorization request, once per HTTP request. An EHR launch
/// uses its launch id. A standalone request gets a new flow id, which the interaction session
/// carries across the sign-in, picker and consent pages and the authorization code carries on
/// to the token endpoint and the FHIR requests.
/// </summary>
/// <remarks>
/// NOTE: an error that OpenIddict raises before the authorize endpoint runs, such as an
/// unregistered redirect URI, comes before any flow id. The OAuth error journal and loose
/// client registration record it under <c>client:{client_id}</c>, not in a flow's journal.
/// </remarks>
internal static class AuthorizeJournalKey
{
    /// <summary>The <c>HttpContext.Items</c> key under which the resolved journal key is kept.</summary>
    public const string ItemKey = "sandbox_journal_key";

    /// <summary>The prefix of a standalone flow's key.</summary>
    public const string StandalonePrefix = "standalone-";

    public static string Resolve(HttpContext context, OpenIddictRequest request, InteractionStore interactions, ILaunchJournal journal)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is string resolved)
            return resolved;

        var key = request.GetParameter(SmartParameters.Launch)?.ToString()
            ?? FindSessionKey(request, interactions)
            ?? StartStandalone(request, journal);
        context.Items[ItemKey] = key;
        return key;
    }

    private static string? FindSessionKey(OpenIddictRequest request, InteractionStore interactions)
    {
        var sessionId = request.GetParameter(Endpoints.AuthorizeEndpoint.SessionParameter)?.ToString();
        var session = interactions.Find(sessionId);
        return session is not null && session.ClientId == request.ClientId ? session.JournalKey : null;
    }

    private static string StartStandalone(OpenIddictRequest request, ILaunchJournal journal)
    {
        var key = StandalonePrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        journal.Begin(key, LaunchKind.Standalone, request.ClientId);
        return key;
    }
}
