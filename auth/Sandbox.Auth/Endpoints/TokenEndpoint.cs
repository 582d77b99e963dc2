using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.FhirStore.Operations;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// The token endpoint after OpenIddict has authenticated the client and validated the code,
/// verifier, redirect URI or refresh token: simulated errors, scope narrowing, backend service
/// scopes, and the SMART context parameters of the response.
/// </summary>
internal sealed class TokenEndpoint(
    AppRegistry apps,
    LaunchStore launches,
    ILaunchJournal journal,
    ILogger<TokenEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict token request is missing.");

        if (await BasicClientId.FindMismatchAsync(context.Request, context.RequestAborted) is { } mismatch)
            return OAuthResults.Error(Errors.InvalidClient, mismatch);

        if (request.IsClientCredentialsGrantType())
            return await IssueClientCredentialsAsync(context, request);

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return OAuthResults.Error(Errors.UnsupportedGrantType, $"grant_type '{request.GrantType}' is not supported.");

        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal
            ?? throw new InvalidOperationException("OpenIddict validated the grant but returned no principal.");

        // A code issued before the app lost its refresh tokens (PUT /api/apps) still carries
        // offline_access or online_access, which would make OpenIddict issue a refresh token.
        if (await apps.FindAsync(request.ClientId!, context.RequestAborted) is { RefreshTokens: false })
            principal.SetScopes(principal.GetScopes().Where(scope => !SmartScopes.RequestsRefreshToken(scope)));

        var launchId = principal.GetClaim(ContextClaims.Launch);
        var key = launchId ?? principal.GetClaim(ContextClaims.Journal) ?? ILaunchJournal.KeyFor(null, request.ClientId);
        // The OAuth error journal records a rejection under the key it finds in this item.
        context.Items[Server.OAuthErrorJournal.LaunchItem] = key;
        var simulated = SimulateTokenError(context, launches.Find(launchId), request, key);
        if (simulated is not null)
            return simulated;

        // The principal keeps the whole grant for the new refresh token, and the access token
        // gets the narrower scopes of a refresh request (see AccessTokenScopeNarrowing).
        var accessTokenPrincipal = principal;
        if (context.Items[Server.RefreshScopeDeferral.RequestedScopeItem] is string narrower)
        {
            var negotiation = ScopeNegotiator.Negotiate(SmartScopes.Split(narrower), [.. principal.GetScopes()]);
            if (!negotiation.IsComplete || principal.GetScopes().IsEmpty)
                return NarrowingError(narrower, negotiation, principal);

            context.Items[Server.AccessTokenScopeNarrowing.ScopesItem] = negotiation.Granted;
            accessTokenPrincipal = principal.Clone(_ => true);
            accessTokenPrincipal.SetScopes(negotiation.Granted);
        }

        // A refresh token stores the destinations of an earlier, possibly narrower, refresh, so
        // the id_token claims are chosen again from the scopes of this access token.
        if (request.IsRefreshTokenGrantType())
            TokenPrincipals.SetDestinations(principal, [.. accessTokenPrincipal.GetScopes()]);

        TokenPrincipals.SetAudienceAndPresenter(principal, SandboxUrls.FhirBase(context.Request), request.ClientId!);
        journal.Record(key, "token", LaunchEventOutcome.Passed,
            $"{request.GrantType} accepted; access token issued with scopes: {string.Join(' ', accessTokenPrincipal.GetScopes())}.");
        Log.TokenIssued(logger, request.ClientId, request.GrantType);
        return Results.SignIn(
            principal,
            TokenPrincipals.ResponseParameters(accessTokenPrincipal),
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult NarrowingError(string narrower, ScopeNegotiation negotiation, ClaimsPrincipal principal)
    {
        var names = string.Join(", ", SmartScopes.Split(narrower).Except(negotiation.Granted).Select(scope => $"'{scope}'"));
        var detail = $"The scopes {names} are not within the original grant ({string.Join(' ', principal.GetScopes())}); a refresh may only narrow it.";
        if (negotiation.IsComplete)
            detail = "The original grant has no scope to narrow.";

        return OAuthResults.Error(Errors.InvalidScope, detail);
    }

    private async Task<IResult> IssueClientCredentialsAsync(HttpContext context, OpenIddictRequest request)
    {
        var cancellationToken = context.RequestAborted;
        var key = ILaunchJournal.KeyFor(null, request.ClientId);
        var app = await apps.FindAsync(request.ClientId!, cancellationToken);
        if (app is null)
            return OAuthResults.Error(Errors.InvalidClient, $"client_id '{request.ClientId}' is not registered.");

        journal.Begin(key, LaunchKind.BackendService, request.ClientId);
        context.Items[Server.OAuthErrorJournal.LaunchItem] = key;

        var requested = SmartScopes.Split(context.Items[Server.OfflineAccessDeferral.RequestedScopeItem] as string ?? request.Scope);
        var negotiation = ScopeNegotiator.Negotiate(requested, app.Scopes, ResourceTypes.IsKnown);
        var granted = negotiation.Granted.Where(IsSystemScope).ToList();
        var narrowed = negotiation.Narrowed.Where(scope => IsSystemScope(scope.Scope)).ToList();
        var notGranted = requested.Except(granted).Except(narrowed.Select(scope => scope.Scope)).ToList();
        if ((notGranted.Count > 0 || narrowed.Count > 0) && app.ScopePolicy == ScopePolicy.Reject)
        {
            var names = string.Join(", ", notGranted.Concat(narrowed.Select(scope => scope.Scope)).Select(scope => $"'{scope}'"));
            return OAuthResults.Error(
                Errors.InvalidScope,
                $"The scopes {names} cannot be granted as requested: a backend service gets only system/ scopes the app is allowed, and this app's scope policy is Reject.");
        }

        if (granted.Count == 0)
        {
            return OAuthResults.Error(
                Errors.InvalidScope,
                "No requested scope can be granted: backend services need system/ scopes the app is allowed.");
        }

        if (notGranted.Count > 0)
        {
            var names = string.Join(", ", notGranted.Select(scope => $"'{scope}'"));
            journal.Record(key, "token", LaunchEventOutcome.Warning,
                $"Scope dropped: {names} cannot be granted, because a backend service gets only the system/ scopes the app is allowed.");
        }

        foreach (var scope in narrowed)
            journal.Record(key, "token", LaunchEventOutcome.Warning, $"Scope narrowed: {scope.Reason}");

        journal.Record(key, "token", LaunchEventOutcome.Passed,
            $"client_credentials accepted with a valid client assertion; granted scopes: {string.Join(' ', granted)}.");
        Log.TokenIssued(logger, request.ClientId, request.GrantType);
        var principal = TokenPrincipals.ForClientCredentials(app, granted);
        TokenPrincipals.SetAudienceAndPresenter(principal, SandboxUrls.FhirBase(context.Request), app.ClientId!);
        var properties = new AuthenticationProperties();
        properties.Parameters[Parameters.Scope] = string.Join(' ', granted);
        return Results.SignIn(principal, properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static bool IsSystemScope(string scope) =>
        ResourceScope.TryParse(scope, out var parsed) && parsed.Context == ScopeContext.System;

    private IResult? SimulateTokenError(HttpContext context, Launch? launch, OpenIddictRequest request, string key)
    {
        var isRefresh = request.IsRefreshTokenGrantType();
        var (error, description) = launch?.Request.SimulatedError switch
        {
            SimulatedError.TokenInvalidClient => (Errors.InvalidClient, "Simulated error: client authentication failed."),
            SimulatedError.TokenInvalidGrant when !isRefresh => (Errors.InvalidGrant, "Simulated error: the authorization code is invalid."),
            SimulatedError.TokenExpiredRefreshToken when isRefresh => (Errors.InvalidGrant, "Simulated error: the refresh token has expired."),
            SimulatedError.TokenServerError => (Errors.ServerError, "Simulated error: the token endpoint failed."),
            _ => (null, null),
        };
        if (error is null)
            return null;

        if (error != Errors.ServerError)
            return OAuthResults.Error(error, description!);

        journal.Record(key, "token", LaunchEventOutcome.Failed, description!);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Results.Json(
            new Dictionary<string, string> { [Parameters.Error] = error, [Parameters.ErrorDescription] = description! },
            statusCode: StatusCodes.Status500InternalServerError);
    }
}
