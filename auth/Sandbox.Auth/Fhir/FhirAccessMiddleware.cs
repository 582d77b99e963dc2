using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;
using Sandbox.FhirStore;
using Sandbox.FhirStore.Rest;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.Smart;
using Sandbox.Smart.Access;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Fhir;

/// <summary>
/// Guards the FHIR endpoint: every request needs a valid access token, except the
/// CapabilityStatement and the SMART discovery document. The grant built from the token's
/// scopes and patient is handed to the FHIR store through <see cref="IFhirAccessFeature"/>.
/// Each request made with a token is recorded in the journal of the launch or flow that
/// issued the token, with its status and, when rejected, the reason.
/// </summary>
internal sealed class FhirAccessMiddleware(
    RequestDelegate next,
    IOptions<SmartAuthOptions> options,
    LaunchStore launches,
    LooseAppTokenCheck looseApps,
    ILaunchJournal journal,
    TimeProvider timeProvider,
    ILogger<FhirAccessMiddleware> logger)
{
    private const string MetadataPath = FhirStoreExtensions.FhirBasePath + "/metadata";
    private const string BinaryPath = FhirStoreExtensions.FhirBasePath + "/Binary";
    private const string SimulatedForbidden = "Simulated error: the token does not allow this request.";
    private const string DiscoveryPath = FhirStoreExtensions.FhirBasePath + AuthPaths.SmartConfiguration;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (HttpMethods.IsOptions(context.Request.Method) || path.Equals(MetadataPath) || path.Equals(DiscoveryPath))
        {
            await next(context);
            return;
        }

        if (options.Value.OpenFhir)
        {
            context.Features.Set<IFhirAccessFeature>(new FhirAccessFeature(FhirAccessGrant.Unrestricted));
            await next(context);
            return;
        }

        if (await AuthenticateBearerAsync(context) is not { } result)
            return;

        if (result.Principal is null)
        {
            var reason = result.Failure is null
                ? "The request carries no access token in its Authorization header: send 'Authorization: Bearer <access_token>'. "
                    + "Tokens in the query string or a form body are not accepted."
                : DescribeRejectedToken(context.Request);
            await RejectUnauthorizedAsync(context, result.Failure is null ? null : "invalid_token", reason);
            RejectedTokenJournal.Record(context, journal, reason);
            return;
        }

        // RFC 9068: a resource server rejects access tokens whose aud does not name it.
        if (!result.Principal.GetAudiences().Any(audience => SandboxUrls.IsFhirBase(context.Request, audience)))
        {
            await RejectUnauthorizedAsync(context, "invalid_token",
                $"The access token's aud does not name this FHIR base URL '{SandboxUrls.FhirBase(context.Request)}'.");
            RecordRequest(context, JournalKey(result.Principal, result.Principal.GetClaim(ContextClaims.Launch)), isPatientScoped: false);
            return;
        }

        var launchId = result.Principal.GetClaim(ContextClaims.Launch);
        if (await looseApps.FindRejectionAsync(result.Principal, context.RequestAborted) is { } looseReason)
        {
            await RejectUnauthorizedAsync(context, "invalid_token", looseReason);
            RecordRequest(context, JournalKey(result.Principal, launchId), isPatientScoped: false);
            return;
        }

        context.Response.OnStarting(AddInsufficientScopeChallenge, context);
        if (await SimulateAsync(context, launches.Find(launchId)))
            return;

        var scopes = new List<ResourceScope>();
        foreach (var scope in result.Principal.GetScopes())
        {
            if (ResourceScope.TryParse(scope, out var parsed))
                scopes.Add(parsed);
        }

        var userPatients = result.Principal.GetClaim(ContextClaims.UserPatients) is { } json
            ? JsonSerializer.Deserialize<string[]>(json)
            : null;
        var grant = FhirAccessGrant.FromScopes(
            scopes,
            result.Principal.GetClaim(SmartParameters.Patient),
            userPatients,
            FindFhirUser(result.Principal),
            SharedResourceTypes.Types);
        context.Features.Set<IFhirAccessFeature>(new FhirAccessFeature(grant));
        await next(context);
        RecordRequest(context, JournalKey(result.Principal, launchId), grant.PatientId is not null);
    }

    /// <summary>
    /// Returns the resource of the token's <c>fhirUser</c> claim when the token was granted
    /// <c>openid</c> with <c>fhirUser</c>, or with <c>profile</c> (the SMART v1 form), or null.
    /// </summary>
    private static FhirUserReference? FindFhirUser(System.Security.Claims.ClaimsPrincipal principal)
    {
        var granted = principal.GetScopes();
        var mayReadUser = granted.Contains(SmartScopes.OpenId)
            && (granted.Contains(SmartScopes.FhirUser) || granted.Contains(SmartScopes.Profile));
        return mayReadUser ? FhirUserReference.TryParse(principal.GetClaim(SmartParameters.FhirUser)) : null;
    }

    /// <summary>
    /// Validates the access token with OpenIddict, or returns null when OpenIddict wrote the
    /// response itself. The site-wide authentication middleware skips <c>/fhir</c>, so the
    /// validation handler's request step, which creates the context that its authentication
    /// reads, runs here.
    /// </summary>
    private static async Task<AuthenticateResult?> AuthenticateBearerAsync(HttpContext context)
    {
        const string scheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        var handler = await handlers.GetHandlerAsync(context, scheme);
        if (handler is IAuthenticationRequestHandler requestHandler && await requestHandler.HandleRequestAsync())
            return null;

        return await context.AuthenticateAsync(scheme);
    }

    private static string JournalKey(System.Security.Claims.ClaimsPrincipal principal, string? launchId) =>
        launchId
        ?? principal.GetClaim(ContextClaims.Journal)
        ?? ILaunchJournal.KeyFor(null, principal.GetClaim(OpenIddictConstants.Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault());

    private void RecordRequest(HttpContext context, string key, bool isPatientScoped)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var target = JournalRequestTarget.Describe(request);
        var reason = context.Features.Get<FhirRejection>()?.Reason;
        var message = reason is null ? $"{target} returned {status}." : $"{target} returned {status}: {reason}";
        if (status == StatusCodes.Status404NotFound && isPatientScoped)
            message += DescribePatientScopedNotFound(request.Path);

        var outcome = status switch
        {
            < 400 => LaunchEventOutcome.Passed,
            StatusCodes.Status404NotFound => LaunchEventOutcome.Info,
            _ => LaunchEventOutcome.Failed,
        };
        journal.Record(key, "fhir", outcome, message);
    }

    // patient/ scopes reach a Binary only through a securityContext that names the patient in
    // context. The note is the same for every Binary, so it does not reveal whether the
    // requested one exists.
    private static string DescribePatientScopedNotFound(PathString path) =>
        path.StartsWithSegments(BinaryPath)
            ? " patient/ scopes reach a Binary only when its securityContext is Patient/{id} of the patient in context, "
                + "so a patient-scoped token gets 404 for any other Binary. Read it with a user/ scope such as user/Binary.rs."
            : " A patient-scoped token also gets 404 for patient records outside its patient's compartment.";

    // The expiry comes from the token's own unverified claims, so it reveals nothing that the
    // client did not send. A rejected token whose exp has not passed was revoked, forged or malformed.
    private string DescribeRejectedToken(HttpRequest request) =>
        RejectedTokenJournal.PassedExpiry(request, timeProvider.GetUtcNow()) is { } expiry
            ? $"The access token expired at {UtcTimestamp.Format(expiry)}. "
                + "Get a new one with the refresh token, or launch the app again."
            : "The access token is invalid, expired or revoked.";

    private async Task RejectUnauthorizedAsync(HttpContext context, string? error, string reason)
    {
        context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(error, reason);
        Log.FhirRejected(logger, context.Request.Method, context.Request.Path, StatusCodes.Status401Unauthorized, reason, OperationOutcomes.TraceId(context));
        await OperationOutcomes.WriteAsync(context, StatusCodes.Status401Unauthorized, "login", reason);
    }

    // RFC 6750 section 3.1: a valid token that does not allow the request gets 403 with an
    // insufficient_scope challenge. Every 403 of the FHIR store comes from the access grant.
    // The store clears the headers when it writes its OperationOutcome, so the challenge is
    // added as the response starts. NOTE: it names no scope attribute, because patient/,
    // user/ and system/ scopes can each allow the request.
    private static Task AddInsufficientScopeChallenge(object state)
    {
        var response = ((HttpContext)state).Response;
        if (response.StatusCode != StatusCodes.Status403Forbidden || response.Headers.WWWAuthenticate.Count > 0)
            return Task.CompletedTask;

        var reason = response.HttpContext.Features.Get<FhirRejection>()?.Reason
            ?? "The access token's scopes do not allow this request.";
        response.Headers.WWWAuthenticate = BearerChallenge.Build(OpenIddictConstants.Errors.InsufficientScope, reason);
        return Task.CompletedTask;
    }

    private async Task<bool> SimulateAsync(HttpContext context, Launch? launch)
    {
        var error = launch?.Request.SimulatedError ?? SimulatedError.None;
        switch (error)
        {
            case SimulatedError.FhirInvalidToken:
                await RejectUnauthorizedAsync(context, "invalid_token", "Simulated error: the access token is invalid.");
                break;
            case SimulatedError.FhirExpiredToken:
                await RejectUnauthorizedAsync(context, "invalid_token", "Simulated error: the access token has expired.");
                break;
            case SimulatedError.FhirForbidden:
                context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(OpenIddictConstants.Errors.InsufficientScope, SimulatedForbidden);
                await OperationOutcomes.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden", SimulatedForbidden);
                break;
            case SimulatedError.FhirTooManyRequests:
                context.Response.Headers.RetryAfter = "5";
                await OperationOutcomes.WriteAsync(context, StatusCodes.Status429TooManyRequests, "throttled", "Simulated error: too many requests; retry after 5 seconds.");
                break;
            case SimulatedError.FhirServerError:
                await OperationOutcomes.WriteAsync(context, StatusCodes.Status500InternalServerError, "exception", "Simulated error: the FHIR server failed.");
                break;
            case SimulatedError.FhirUnavailable:
                context.Response.Headers.RetryAfter = "5";
                await OperationOutcomes.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "transient", "Simulated error: the FHIR server is unavailable; retry after 5 seconds.");
                break;
            default:
                return false;
        }

        journal.Record(launch!.Id, "fhir", LaunchEventOutcome.Failed,
            $"{context.Request.Method} {context.Request.Path} answered {context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)} by the simulated error {error}.");
        return true;
    }
}
