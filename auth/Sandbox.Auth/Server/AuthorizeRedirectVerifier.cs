using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Endpoints;
using Sandbox.Auth.Interaction;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Server;

/// <summary>
/// Decides whether the response to an authorization request may be a redirect. RFC 6749 section
/// 4.1.2.1 forbids redirecting when the client is unknown or the redirect URI is missing,
/// invalid or not registered for it. Every other error goes back to the redirect URI.
/// </summary>
internal sealed class AuthorizeRedirectVerifier(AppRegistry apps, LooseClientPolicy loosePolicy)
{
    /// <summary>Checks the request's <c>client_id</c> and <c>redirect_uri</c> against the registered apps.</summary>
    public async Task<RedirectUriCheck> CheckAsync(OpenIddictRequest request, CancellationToken cancellationToken)
    {
        // OpenIddict reads a repeated client_id or redirect_uri as null, and neither value may
        // be trusted, so the check names the repetition instead of a missing parameter.
        foreach (var name in (string[])[Parameters.ClientId, Parameters.RedirectUri])
        {
            var count = RepeatedParameterCheck.CountValues(request, name);
            if (count > 1)
                return RedirectUriCheck.Failed(Errors.InvalidRequest, RepeatedParameterCheck.Describe(name, count));
        }

        var clientId = request.ClientId;
        var sessionId = (string?)request.GetParameter(AuthorizeEndpoint.SessionParameter);
        if (string.IsNullOrEmpty(clientId) && sessionId is not null)
        {
            return RedirectUriCheck.Failed(Errors.InvalidRequest,
                $"The authorization session '{sessionId}' is unknown or has expired (a session lasts {InteractionStore.Lifetime.TotalMinutes:0} minutes "
                + "and ends when the sandbox restarts). Start the authorization again from the app.");
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return RedirectUriCheck.Failed(Errors.InvalidRequest,
                "The request has no client_id, so the sandbox cannot tell which app sent it. Send the client_id the app was registered with.");
        }

        var redirectProblem = FindRedirectUriProblem(request.RedirectUri);
        if (redirectProblem is not null)
            return RedirectUriCheck.Failed(Errors.InvalidRequest, redirectProblem);

        var app = await apps.FindAsync(clientId, cancellationToken);
        if (app is null)
            return RedirectUriCheck.Failed(Errors.InvalidClient, DescribeUnknownClient(clientId, request.RedirectUri!));

        if (app.IsLoose && !loosePolicy.IsEnabled)
            return RedirectUriCheck.Failed(Errors.InvalidClient, LooseClientGate.Describe(clientId));

        if (app.Kind == AppKind.BackendService)
        {
            return RedirectUriCheck.Failed(Errors.UnauthorizedClient,
                $"App '{clientId}' is a backend service: it gets tokens with client_credentials at the token endpoint and cannot use the authorize endpoint.");
        }

        if (!app.RedirectUris.Contains(request.RedirectUri!, StringComparer.Ordinal))
            return RedirectUriCheck.Failed(Errors.InvalidRequest, DescribeUnregisteredRedirectUri(app, request.RedirectUri!));

        return RedirectUriCheck.Verified;
    }

    // The same rules as the app registration, which rejects an "iss" query parameter because
    // the server adds its own "iss" to every redirect.
    private static string? FindRedirectUriProblem(string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri))
            return "The request has no redirect_uri. Send one of the redirect URIs registered for the app.";

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || redirectUri.Contains('#'))
            return $"The redirect_uri '{redirectUri}' is not an absolute http(s) URL without a fragment.";

        if (QueryHelpers.ParseQuery(uri.Query).Keys.Any(key => key.Equals(Parameters.Iss, StringComparison.OrdinalIgnoreCase)))
            return $"The redirect_uri '{redirectUri}' has an 'iss' query parameter, which the sandbox adds to its responses itself. Remove it from the redirect URI.";

        return null;
    }

    private string DescribeUnknownClient(string clientId, string redirectUri)
    {
        if (!loosePolicy.IsEnabled)
        {
            return $"The client_id '{clientId}' is not registered, and loose mode is off, so unknown apps are rejected. "
                + "Register the app (POST /api/apps) or set Auth:LooseClients to On.";
        }

        return $"The client_id '{clientId}' is not registered, and loose mode could not register it with redirect_uri '{redirectUri}'. "
            + "The likely cause is the client_id, which may contain only letters, digits and '.', '_', '~', '-'. The sandbox log has the reason.";
    }

    private static string DescribeUnregisteredRedirectUri(SmartApp app, string redirectUri)
    {
        var registered = app.RedirectUris.Count == 0
            ? "none"
            : string.Join(", ", app.RedirectUris.Select(uri => $"'{uri}'"));
        return $"The redirect_uri '{redirectUri}' is not registered for app '{app.ClientId}'. Registered: {registered}. "
            + "Redirect URIs must match character for character.";
    }
}
