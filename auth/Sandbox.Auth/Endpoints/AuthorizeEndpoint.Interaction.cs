using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Interaction;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.Auth.Personas;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Endpoints;

internal sealed partial class AuthorizeEndpoint
{
    // The scopes that describe the signed-in user, which a launch without a user cannot grant.
    private static readonly HashSet<string> UserScopes = [SmartScopes.OpenId, SmartScopes.FhirUser, SmartScopes.Profile];

    private async Task<IResult> ContinueAsync(
        HttpContext context,
        OpenIddictRequest request,
        SmartApp app,
        Launch? launch,
        ScopeNegotiation negotiation,
        InteractionSession? session,
        string key,
        CancellationToken cancellationToken)
    {
        if (session?.CancelledOn is { } cancelledOn)
            return Reject(app.ClientId, Errors.AccessDenied, $"The user cancelled the request on the {cancelledOn}.");

        var granted = negotiation.Granted;
        var signedInAt = session?.SignedInAt;
        var launchSignIn = launch?.Request.SkipLogin == true && signedInAt is null
            ? await FindLaunchSignInAsync(context, launch)
            : null;
        var skipsLogin = launchSignIn is not null && !RequiresFreshSignIn(request, launchSignIn.Value);
        var username = skipsLogin ? launch!.Request.User : session?.Username;
        Persona? persona = null;
        if (username is not null && launch?.Request.SessionScheme is not null && username != launch.Request.User)
        {
            return Reject(
                app.ClientId,
                Errors.AccessDenied,
                $"This EHR launch belongs to the EHR session of '{launch.Request.User}', but '{username}' signed in; launch the app again from your own EHR session.");
        }

        if (username is not null)
        {
            persona = await personas.FindAsync(username, cancellationToken);
            if (persona is null)
                return Reject(app.ClientId, Errors.ServerError, $"The launch names user '{username}', which is not a registered persona.");
        }
        else if (!skipsLogin)
        {
            return Interact(context, request, app, granted, session, key, AuthPaths.Login);
        }
        else if (granted.Any(UserScopes.Contains))
        {
            // An id_token and fhirUser assert a signed-in user (OpenID Connect Core 1.0 section
            // 2), and a launch that skips sign-in without naming one has no user.
            if (app.ScopePolicy == ScopePolicy.Reject)
                return Reject(app.ClientId, Errors.InvalidScope, DescribeNoUser(granted));

            var remaining = granted.Where(scope => !UserScopes.Contains(scope)).ToList();
            var outcome = remaining.Count == 0 ? LaunchEventOutcome.Failed : LaunchEventOutcome.Warning;
            journal.Record(key, "authorize", outcome, $"Scope dropped: {DescribeNoUser(granted)}");
            if (remaining.Count == 0)
                return Reject(app.ClientId, Errors.InvalidScope, $"No requested scope can be granted. {DescribeNoUser(granted)}");

            granted = remaining;
        }

        var patient = launch?.Request.Patient ?? session?.PatientId;
        if (patient is null && NeedsPatient(granted))
        {
            var openable = persona?.OpenablePatientIds ?? [];
            if (persona?.Role == PersonaRole.Patient && openable.Count == 1)
            {
                // The encounter picker reads the patient from the session.
                patient = openable[0];
                session?.PatientId = patient;
            }
            else if ((await pickerSearch.PatientsAsync(context.Request, openable, firstId: null, cancellationToken)).Count > 0)
            {
                journal.Record(key, "authorize", LaunchEventOutcome.Info, DescribePatientPicker(granted, launch));
                return Interact(context, request, app, granted, session, key, AuthPaths.PatientPicker, persona?.Username);
            }
            else
            {
                var withoutPatient = DropPatientScopes(app, granted, key);
                if (withoutPatient.Error is not null)
                    return withoutPatient.Error;

                granted = withoutPatient.Scopes;
            }
        }

        var encounter = launch?.Request.Encounter ?? session?.EncounterId;
        var asksEncounter = granted.Contains(SmartScopes.LaunchEncounter);
        if (encounter is null && asksEncounter && patient is not null && session?.EncounterAnswered != true && launch is null)
            return Interact(context, request, app, granted, session, key, AuthPaths.EncounterPicker);

        var showsConsent = app.ShowConsent && launch?.Request.SkipConsent != true;
        if (showsConsent && session?.ConsentedScopes is null && session?.ConsentDenied != true)
            return Interact(context, request, app, granted, session, key, AuthPaths.Consent);

        if (session?.ConsentDenied == true)
            return Reject(app.ClientId, Errors.AccessDenied, "The user denied access on the consent page.");

        if (session?.ConsentedScopes is { } consented)
        {
            granted = granted.Where(consented.Contains).ToList();
            if (granted.Count == 0)
                return Reject(app.ClientId, Errors.AccessDenied, "The user allowed access but left no scope ticked on the consent page.");
        }

        if (session is not null)
            interactions.Remove(session.Id);

        var authTime = persona is null ? null : signedInAt ?? launchSignIn;
        var grant = new AuthorizeGrant(app, persona, launch, granted, patient, encounter, key, authTime);
        journal.SetContext(key, persona?.Username, patient, encounter);
        journal.Record(key, "authorize", LaunchEventOutcome.Passed, DescribeGrant(grant));
        var principal = TokenPrincipals.ForAuthorization(grant, context.Request, options.Value.OnlineRefreshTokenLifetime);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // Returns when the launching persona signed in, or null when the launch may not skip the
    // sign-in page in this browser. A launch bound to the EHR session that made it skips the page
    // only in a browser signed in to that session as the launching persona, and the session's
    // sign-in time counts. A launch made through the API has no browser sign-in, so its
    // creation time counts.
    private static async Task<DateTimeOffset?> FindLaunchSignInAsync(HttpContext context, Launch launch)
    {
        if (launch.Request.SessionScheme is not { } scheme)
            return launch.CreatedAt;

        var result = await context.AuthenticateAsync(scheme);
        var signedIn = result.Succeeded ? result.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
        if (signedIn is null || signedIn != launch.Request.User)
            return null;

        return result.Properties?.IssuedUtc ?? launch.CreatedAt;
    }

    // OpenID Connect Core 1.0 section 3.1.2.1: prompt=login requires the server to authenticate the
    // user again, and max_age limits how long ago the user may have signed in.
    private bool RequiresFreshSignIn(OpenIddictRequest request, DateTimeOffset signedInAt)
    {
        if (request.HasPromptValue(PromptValues.Login))
            return true;

        return request.MaxAge is { } maxAge
            && timeProvider.GetUtcNow() - signedInAt >= TimeSpan.FromSeconds(maxAge);
    }

    // launch/patient requests a patient, and patient/ scopes reach nothing without one, so both
    // need a patient in context. The SMART Health IT launcher also shows its picker to an EHR
    // launch without a patient.
    private static bool NeedsPatient(IReadOnlyList<string> granted) =>
        granted.Any(IsPatientScope);

    private static bool IsPatientScope(string scope) =>
        scope == SmartScopes.LaunchPatient
        || (ResourceScope.TryParse(scope, out var parsed) && parsed.Context == ScopeContext.Patient);

    // No patient can be picked when the FHIR store has none that the user may open. The
    // patient scopes are then dropped, so the token response states what the token can reach.
    private (IReadOnlyList<string> Scopes, IResult? Error) DropPatientScopes(SmartApp app, IReadOnlyList<string> granted, string key)
    {
        var dropped = granted.Where(IsPatientScope).ToList();
        var names = string.Join(", ", dropped.Select(scope => $"'{scope}'"));
        var reason = $"The scopes {names} need a patient in context, but the launch names none and the FHIR store has no patient the user may open.";
        if (app.ScopePolicy == ScopePolicy.Reject)
            return ([], Reject(app.ClientId, Errors.InvalidScope, reason));

        var remaining = granted.Where(scope => !IsPatientScope(scope)).ToList();
        var outcome = remaining.Count == 0 ? LaunchEventOutcome.Failed : LaunchEventOutcome.Warning;
        journal.Record(key, "authorize", outcome, $"Scope dropped: {reason}");
        if (remaining.Count == 0)
            return ([], Reject(app.ClientId, Errors.InvalidScope, $"No requested scope can be granted. {reason}"));

        return (remaining, null);
    }

    private static string DescribePatientPicker(IReadOnlyList<string> granted, Launch? launch)
    {
        var names = string.Join(", ", granted.Where(IsPatientScope).Select(scope => $"'{scope}'"));
        var source = launch is null ? "The standalone launch has" : $"Launch '{launch.Id}' has";
        return $"{source} no patient, and the scopes {names} need one, so the patient picker is shown.";
    }

    private IResult Interact(
        HttpContext context,
        OpenIddictRequest request,
        SmartApp app,
        IReadOnlyList<string> granted,
        InteractionSession? session,
        string journalKey,
        string pagePath,
        string? username = null)
    {
        // OpenID Connect Core 3.1.2.6: with prompt=none the server must not show any page.
        if (request.HasPromptValue(PromptValues.None))
            return Reject(app.ClientId, PromptNoneError(pagePath), $"prompt=none was sent, but the request needs the page {pagePath}.");

        session ??= interactions.Create(
            app.ClientId!,
            InteractionBrowser.GetOrIssue(context),
            id => BuildReturnUrl(context, id),
            CopyParameters(request),
            granted);

        // Scopes dropped after an earlier page, such as patient scopes without a patient, leave the consent page too.
        session.Scopes = granted;

        // A launch that skipped sign-in names its user here, so the picker offers only the patients that user may open.
        session.Username ??= username;
        session.JournalKey ??= journalKey;
        return Results.Redirect($"{context.Request.PathBase}{pagePath}?session={Uri.EscapeDataString(session.Id)}");
    }

    private static string PromptNoneError(string pagePath) => pagePath switch
    {
        AuthPaths.Login => Errors.LoginRequired,
        AuthPaths.Consent => Errors.ConsentRequired,
        _ => Errors.InteractionRequired,
    };

    // The pages return with a GET, whose request line Kestrel limits to 8 KiB by default
    // (MaxRequestLineSize), so the request itself stays in the session and
    // Server.InteractionRequestRestorer puts it back.
    private static string BuildReturnUrl(HttpContext context, string sessionId) =>
        $"{context.Request.PathBase}{AuthPaths.Authorize}{QueryString.Create(SessionParameter, sessionId)}";

    private static List<KeyValuePair<string, OpenIddictParameter>> CopyParameters(OpenIddictRequest request) =>
        request.GetParameters().Where(parameter => parameter.Key != SessionParameter).ToList();

    private static string DescribeNoUser(IEnumerable<string> granted)
    {
        var names = string.Join(", ", granted.Where(UserScopes.Contains).Select(scope => $"'{scope}'"));
        return $"The launch has no user, so the scopes {names} cannot be granted: they describe the signed-in user. Name a user in the launch to get them.";
    }

    private static string DescribeGrant(AuthorizeGrant grant)
    {
        var user = grant.Persona is null ? "no user" : $"user '{grant.Persona.Username}' ({grant.Persona.FhirUser})";
        var patient = grant.Patient is null ? "no patient" : $"patient '{grant.Patient}'";
        var encounter = grant.Encounter is null ? "no encounter" : $"encounter '{grant.Encounter}'";
        return $"Authorization code issued for {user}, {patient}, {encounter}; granted scopes: {string.Join(' ', grant.Scopes)}.";
    }
}
