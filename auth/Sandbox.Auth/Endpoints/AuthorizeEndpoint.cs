using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.Auth.Personas;
using Sandbox.FhirStore.Operations;
using Sandbox.Smart;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// The SMART checks of the authorize endpoint, after OpenIddict has checked the client, the
/// redirect URI, the response type and PKCE: <c>aud</c>, <c>launch</c>, simulated errors, scope
/// negotiation, then sign-in, pickers and consent, and finally the authorization code.
/// </summary>
internal sealed partial class AuthorizeEndpoint(
    AppRegistry apps,
    LaunchStore launches,
    IPersonaStore personas,
    InteractionStore interactions,
    PickerSearch pickerSearch,
    ILaunchJournal journal,
    IOptions<SmartAuthOptions> options,
    TimeProvider timeProvider,
    ILogger<AuthorizeEndpoint> logger)
{
    /// <summary>The parameter that carries the interaction session id back to this endpoint.</summary>
    public const string SessionParameter = "sandbox_session";

    // A state made of unreserved URL characters (66 symbols, about 6 bits each) needs 21 of them
    // to hold the 122 bits of entropy SMART App Launch requires. Counting is only an estimate of
    // entropy, so a shorter state gets a warning, not an error.
    private const int MinimumStateLength = 21;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict authorization request is missing.");
        var clientId = request.ClientId!;
        var launchId = request.GetParameter(SmartParameters.Launch)?.ToString();
        var key = AuthorizeJournalKey.Resolve(context, request, interactions, journal);
        var resumed = request.GetParameter(SessionParameter) is not null;
        var requestedScope = context.Items[Server.RefreshTokenGrantCheck.RequestedScopeItem] as string ?? request.Scope;
        journal.Record(key, "authorize", LaunchEventOutcome.Info, resumed
            ? "The authorization request resumed after the sign-in, picker or consent page."
            : DescribeRequest(request, requestedScope));
        var app = await apps.FindAsync(clientId, cancellationToken);
        if (app is null)
            return Reject(clientId, Errors.InvalidClient, $"client_id '{clientId}' is not registered.");

        journal.Record(key, "authorize", LaunchEventOutcome.Passed, $"client_id '{clientId}' and redirect_uri '{request.RedirectUri}' match the registration.");

        var audience = request.GetParameter(SmartParameters.Aud)?.ToString();
        if (string.IsNullOrEmpty(audience))
        {
            return Reject(clientId, Errors.InvalidRequest,
                $"aud is missing. SMART App Launch requires it, set to the FHIR base URL '{SandboxUrls.FhirBase(context.Request)}'.");
        }

        if (!SandboxUrls.IsFhirBase(context.Request, audience))
        {
            return Reject(clientId, Errors.InvalidRequest,
                $"aud '{audience}' is not this server's FHIR base URL '{SandboxUrls.FhirBase(context.Request)}'.");
        }

        var pkceProblem = FindPkceProblem(request, app);
        if (pkceProblem is not null)
            return Reject(clientId, Errors.InvalidRequest, pkceProblem);

        if (string.IsNullOrEmpty(request.State))
        {
            return Reject(clientId, Errors.InvalidRequest,
                "state is missing. SMART App Launch requires it: a random value of at least 122 bits, such as a UUID, "
                + "that the app stores before the redirect and compares with the state of the response.");
        }

        if (request.State.Length < MinimumStateLength)
        {
            journal.Record(key, "authorize", LaunchEventOutcome.Warning,
                $"state has {request.State.Length} characters, too few for the 122 bits of entropy SMART App Launch requires. "
                    + "Use a random value such as a UUID.");
        }

        var requested = SmartScopes.Split(requestedScope);
        Launch? launch = null;
        if (launchId is not null)
        {
            launch = launches.Find(launchId);
            if (launch is null)
                return Reject(clientId, Errors.InvalidRequest, $"launch '{launchId}' is unknown or has expired; start the launch again from the EHR.");

            if (launch.Request.ClientId is { } launchClient && launchClient != clientId)
                return Reject(clientId, Errors.InvalidRequest, $"launch '{launchId}' was created for app '{launchClient}', not '{clientId}'.");
        }
        else if (requested.Contains(SmartScopes.Launch))
        {
            return Reject(clientId, Errors.InvalidRequest,
                "The scope 'launch' requests an EHR launch, but the request carries no launch parameter. "
                + "For a standalone launch, request launch/patient (and launch/encounter) instead of launch. "
                + "For an EHR launch, send the launch value that the EHR passed to the app's launch URL.");
        }

        journal.Record(key, "authorize", LaunchEventOutcome.Passed, $"aud matches the FHIR base URL{(launch is null ? "" : $" and launch '{launchId}' is valid")}.");

        var simulated = SimulateAuthorizeError(launch, key, clientId);
        if (simulated is not null)
            return simulated;

        var negotiation = NegotiateAuthorizationScopes(requested, app);
        RecordDroppedScopes(key, app, negotiation);

        if (!negotiation.IsComplete && app.ScopePolicy == ScopePolicy.Reject)
            return Reject(clientId, Errors.InvalidScope, negotiation.DescribeShortfall());

        // RFC 6749 section 3.3: a request that gets no scope fails with invalid_scope, because the
        // token response could not state what was granted.
        if (negotiation.Granted.Count == 0)
            return Reject(clientId, Errors.InvalidScope, DescribeNothingGranted(negotiation));

        var session = interactions.Find(request.GetParameter(SessionParameter)?.ToString());
        if (session is not null && (session.ClientId != clientId || !InteractionBrowser.Owns(context, session)))
            session = null;

        return await ContinueAsync(context, request, app, launch, negotiation, session, key, cancellationToken);
    }

    // Negotiates the scopes an authorization request may get. A scope that FindExclusionReason
    // names is never granted, even when the app's registered scopes cover it.
    private static ScopeNegotiation NegotiateAuthorizationScopes(IReadOnlyList<string> requested, SmartApp app)
    {
        var excluded = requested
            .Distinct(StringComparer.Ordinal)
            .Select(scope => FindExclusionReason(scope, app) is { } reason ? new DroppedScope(scope, reason) : null)
            .OfType<DroppedScope>()
            .ToList();
        var negotiation = ScopeNegotiator.Negotiate(
            requested.Except(excluded.Select(dropped => dropped.Scope)),
            app.Scopes,
            ResourceTypes.IsKnown);
        return negotiation with { Dropped = [.. excluded, .. negotiation.Dropped] };
    }

    private static string? FindExclusionReason(string scope, SmartApp app)
    {
        // SMART App Launch grants system/ scopes to backend services through client_credentials,
        // which has no user. An authorization request acts for a user or a launch, and a system/
        // scope would lift the limits of that user, a patient included, so it is never granted.
        if (IsSystemScope(scope))
        {
            return $"'{scope}' is a backend service scope: system/ scopes are granted only to the client_credentials grant. "
                + "Request patient/ or user/ scopes in an authorization request.";
        }

        // A granted scope without offline_access or online_access shows a SMART app that the
        // token response has no refresh token.
        if (!app.RefreshTokens && SmartScopes.RequestsRefreshToken(scope))
        {
            return $"'{scope}' requests a refresh token, but app '{app.ClientId}' is registered without the refresh_token grant. "
                + "Register it with grant_types that include refresh_token (POST /auth/register) or set refreshTokens to true (/api/apps).";
        }

        return null;
    }

    private static bool IsSystemScope(string scope) =>
        ResourceScope.TryParse(scope, out var parsed) && parsed.Context == ScopeContext.System;

    // A dropped or narrowed scope is a warning when the request goes on with the other scopes. It
    // is a failure when the request ends with invalid_scope, which happens under the Reject policy
    // or when no requested scope is left.
    private void RecordDroppedScopes(string key, SmartApp app, ScopeNegotiation negotiation)
    {
        var rejected = app.ScopePolicy == ScopePolicy.Reject || negotiation.Granted.Count == 0;
        var outcome = rejected ? LaunchEventOutcome.Failed : LaunchEventOutcome.Warning;
        foreach (var dropped in negotiation.Dropped)
            journal.Record(key, "authorize", outcome, $"Scope dropped: {dropped.Reason}");

        foreach (var narrowed in negotiation.Narrowed)
            journal.Record(key, "authorize", outcome, $"Scope narrowed: {narrowed.Reason}");
    }

    // RFC 7636 treats a challenge without a method as "plain", which SMART forbids.
    private static string? FindPkceProblem(OpenIddictRequest request, SmartApp app)
    {
        if (string.IsNullOrEmpty(request.CodeChallenge))
        {
            return app.EffectivePkce == PkcePolicy.Required
                ? "code_challenge is missing: SMART App Launch 2 requires PKCE with code_challenge_method=S256 on every "
                    + "authorization request. Send code_challenge and code_challenge_method=S256. To test a legacy "
                    + $"SMART v1 app without PKCE, register '{app.ClientId}' with pkce set to Optional "
                    + "(PUT /api/apps/{clientId} or the app's page in the EHR)."
                : null;
        }

        if (request.CodeChallengeMethod != CodeChallengeMethods.Sha256)
            return $"code_challenge_method '{request.CodeChallengeMethod ?? "plain"}' is not supported: SMART allows only S256.";

        return IsS256Challenge(request.CodeChallenge)
            ? null
            : $"code_challenge '{request.CodeChallenge}' is invalid: an S256 challenge is the base64url SHA-256 hash of the verifier, 43 characters long.";
    }

    private static bool IsS256Challenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private IResult? SimulateAuthorizeError(Launch? launch, string key, string clientId)
    {
        var (error, description) = launch?.Request.SimulatedError switch
        {
            SimulatedError.AuthorizeInvalidClient => (Errors.InvalidClient, "Simulated error: the client is not recognised."),
            SimulatedError.AuthorizeInvalidScope => (Errors.InvalidScope, "Simulated error: the requested scopes are not allowed."),
            SimulatedError.AuthorizeAccessDenied => (Errors.AccessDenied, "Simulated error: the user denied access."),
            SimulatedError.AuthorizeInvalidRedirectUri => (Errors.InvalidRequest, "Simulated error: the redirect_uri does not match the registration, so the sandbox does not redirect."),
            _ => (null, null),
        };
        if (error is null)
            return null;

        Log.AuthorizeRejected(logger, clientId, error, description!);
        if (launch!.Request.SimulatedError != SimulatedError.AuthorizeInvalidRedirectUri)
            return OAuthResults.Error(error, description!);

        journal.Record(key, "authorize", LaunchEventOutcome.Failed, description!);
        return OAuthResults.ErrorPage(error, description!);
    }

    // The OAuth error journal records the rejection under the journal key once OpenIddict has
    // built the redirect.
    private IResult Reject(string? clientId, string error, string description)
    {
        Log.AuthorizeRejected(logger, clientId, error, description);
        return OAuthResults.Error(error, description);
    }

    private static string DescribeNothingGranted(ScopeNegotiation negotiation)
    {
        if (negotiation.Dropped.Count == 0)
            return "The request has no scope. Request the scopes the app needs, such as 'launch openid fhirUser patient/*.rs'.";

        var reasons = string.Join(" ", negotiation.Dropped.Select(dropped => dropped.Reason));
        return $"None of the requested scopes can be granted. {reasons}";
    }

    private static string DescribeRequest(OpenIddictRequest request, string? scope)
    {
        var launch = request.GetParameter(SmartParameters.Launch)?.ToString();
        return $"Authorization request from client_id '{request.ClientId}': response_type '{request.ResponseType}', "
            + $"scope '{scope}', aud '{request.GetParameter(SmartParameters.Aud)}', redirect_uri '{request.RedirectUri}', "
            + $"launch '{launch ?? "none (standalone)"}', code_challenge_method '{request.CodeChallengeMethod ?? "none"}'.";
    }
}
