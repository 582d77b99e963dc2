using Microsoft.Extensions.Logging;

namespace Sandbox.Auth;

/// <summary>The log messages of the authorization module (event ids 4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Generated new {KeyKind} key in {Path}", EventName = "KeyGenerated")]
    public static partial void KeyGenerated(ILogger logger, string keyKind, string path);

    [LoggerMessage(4001, LogLevel.Information, "Registered app {ClientId} ({Kind})", EventName = "AppRegistered")]
    public static partial void AppRegistered(ILogger logger, string clientId, string kind);

    [LoggerMessage(4002, LogLevel.Information, "Created launch {LaunchId} for app {ClientId}", EventName = "LaunchCreated")]
    public static partial void LaunchCreated(ILogger logger, string launchId, string? clientId);

    [LoggerMessage(4003, LogLevel.Warning, "Authorization request from {ClientId} rejected: {Error} {Reason}", EventName = "AuthorizeRejected")]
    public static partial void AuthorizeRejected(ILogger logger, string? clientId, string error, string reason);

    [LoggerMessage(4004, LogLevel.Information, "Issued tokens to {ClientId} by {GrantType}", EventName = "TokenIssued")]
    public static partial void TokenIssued(ILogger logger, string? clientId, string? grantType);

    [LoggerMessage(4005, LogLevel.Warning, "FHIR request {Method} {Path} rejected with {Status}: {Reason} (trace {TraceId})", EventName = "FhirRejected")]
    public static partial void FhirRejected(ILogger logger, string method, string path, int status, string reason, string traceId);

    [LoggerMessage(4006, LogLevel.Information, "Accepted unknown client {ClientId} as a loose public client", EventName = "LooseClientAccepted")]
    public static partial void LooseClientAccepted(ILogger logger, string clientId);

    [LoggerMessage(4007, LogLevel.Warning, "Client assertion from {ClientId} rejected: {Reason}", EventName = "ClientAssertionRejected")]
    public static partial void ClientAssertionRejected(ILogger logger, string? clientId, string reason);

    [LoggerMessage(4008, LogLevel.Information, "Registered persona {Username} ({Role})", EventName = "PersonaRegistered")]
    public static partial void PersonaRegistered(ILogger logger, string username, string role);

    [LoggerMessage(4009, LogLevel.Information, "Pruned {TokenCount} tokens and {AuthorizationCount} authorizations", EventName = "TokensPruned")]
    public static partial void TokensPruned(ILogger logger, long tokenCount, long authorizationCount);

    [LoggerMessage(4010, LogLevel.Error, "Pruning expired tokens failed", EventName = "PruningFailed")]
    public static partial void PruningFailed(ILogger logger, Exception exception);

    [LoggerMessage(4011, LogLevel.Information, "Headless launch {LaunchId} for app {ClientId} issued tokens", EventName = "HeadlessLaunchCompleted")]
    public static partial void HeadlessLaunchCompleted(ILogger logger, string launchId, string clientId);

    [LoggerMessage(4012, LogLevel.Warning, "Headless launch {LaunchId} for app {ClientId} failed at {Step}: {Error}", EventName = "HeadlessLaunchFailed")]
    public static partial void HeadlessLaunchFailed(ILogger logger, string launchId, string clientId, string? step, string? error);

    [LoggerMessage(4013, LogLevel.Warning, "Admin request {Method} {Path} rejected with {Status}", EventName = "AdminRequestRejected")]
    public static partial void AdminRequestRejected(ILogger logger, string method, string path, int status);

    [LoggerMessage(4014, LogLevel.Warning, "Refresh token {TokenId} of client {ClientId} was redeemed by a concurrent request; rejected", EventName = "RefreshTokenAlreadyRedeemed")]
    public static partial void RefreshTokenAlreadyRedeemed(ILogger logger, string tokenId, string? clientId);

    [LoggerMessage(4015, LogLevel.Warning, "Fetching the JWKS of app {ClientId} from {JwksUrl} failed: {Reason}", EventName = "JwksFetchFailed")]
    public static partial void JwksFetchFailed(ILogger logger, string clientId, string jwksUrl, string reason);

    [LoggerMessage(4045, LogLevel.Error, "Failed {Method} {Path} (trace {TraceId})", EventName = "AdminRequestFailed")]
    public static partial void AdminRequestFailed(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(4047, LogLevel.Warning, "Sign-in of persona {Username} locked after {Failures} wrong passwords in a row, for {Seconds} s", EventName = "PersonaSignInLocked")]
    public static partial void PersonaSignInLocked(ILogger logger, string username, int failures, int seconds);

    [LoggerMessage(4080, LogLevel.Information, "Loose mode removed client {ClientId} or its new redirect URI because the request was rejected with {Error}", EventName = "LooseClientRolledBack")]
    public static partial void LooseClientRolledBack(ILogger logger, string clientId, string error);

    [LoggerMessage(4016, LogLevel.Warning, "Loose mode did not register unknown client {ClientId}: {Reason}", EventName = "LooseClientRejected")]
    public static partial void LooseClientRejected(ILogger logger, string clientId, string reason);

    [LoggerMessage(4018, LogLevel.Warning, "Loose app {ClientId} rejected because loose mode is off", EventName = "LooseAppRejected")]
    public static partial void LooseAppRejected(ILogger logger, string clientId);

    [LoggerMessage(4017, LogLevel.Warning, "Token request from {ClientId} rejected: {Error} {Reason}", EventName = "TokenRequestRejected")]
    public static partial void TokenRequestRejected(ILogger logger, string? clientId, string error, string reason);

    [LoggerMessage(4019, LogLevel.Debug, "OpenIddict event {Context} stopped after handler {Handler}: {Reason}", EventName = "ServerEventStopped")]
    public static partial void ServerEventStopped(ILogger logger, string context, string handler, string reason);

    [LoggerMessage(4020, LogLevel.Warning, "Cross-site admin request {Method} {Path} rejected with {Status}", EventName = "CrossSiteRequestRejected")]
    public static partial void CrossSiteRequestRejected(ILogger logger, string method, string path, int status);

    [LoggerMessage(4021, LogLevel.Warning, "Admin request {Method} {Path} rejected with {Status}: {Reason}", EventName = "AdminBodyRejected")]
    public static partial void AdminBodyRejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(4040, LogLevel.Information, "Revoked authorization {AuthorizationId} of client {ClientId} and its {TokenCount} tokens with its refresh token", EventName = "GrantRevoked")]
    public static partial void GrantRevoked(ILogger logger, string authorizationId, string? clientId, long tokenCount);

    [LoggerMessage(4060, LogLevel.Information, "Revoked {GrantCount} grants that user {Username} gave client {ClientId}, and their {TokenCount} tokens, on the user's request", EventName = "UserGrantsRevoked")]
    public static partial void UserGrantsRevoked(ILogger logger, int grantCount, string clientId, string username, long tokenCount);

    [LoggerMessage(4041, LogLevel.Warning, "Form body of the OAuth request to {Path} rejected: {Reason}", EventName = "FormRejected")]
    public static partial void FormRejected(ILogger logger, string path, string reason);

    [LoggerMessage(4042, LogLevel.Information, "Client {ClientId} introspected a token with a bearer token; active: {Active}", EventName = "BearerIntrospection")]
    public static partial void BearerIntrospection(ILogger logger, string? clientId, bool active);

    [LoggerMessage(4043, LogLevel.Warning, "Introspection request with a bearer token rejected: {Error} {Reason}", EventName = "BearerIntrospectionRejected")]
    public static partial void BearerIntrospectionRejected(ILogger logger, string error, string reason);

    [LoggerMessage(4044, LogLevel.Warning, "Client authentication of client {ClientId} at {Path} rejected: {Reason}", EventName = "ClientAuthenticationRejected")]
    public static partial void ClientAuthenticationRejected(ILogger logger, string? clientId, string? path, string reason);

    [LoggerMessage(4046, LogLevel.Information, "Cleared the launch list: ended {EndedCount} launches and dropped {JournalCount} journals", EventName = "LaunchesCleared")]
    public static partial void LaunchesCleared(ILogger logger, int endedCount, int journalCount);

    [LoggerMessage(4048, LogLevel.Warning, "CORS request {Method} {Path} from origin {Origin} rejected: no registered app has a redirect URI or launch URL on that origin, so the response has no CORS headers and the browser blocks it. Add a redirect URI or launch URL on that origin to the app's registration. Later requests from this origin are not logged.", EventName = "CorsOriginRejected")]
    public static partial void CorsOriginRejected(ILogger logger, string method, string path, string origin);

    [LoggerMessage(4049, LogLevel.Information, "Revoked {Count} refresh tokens of app {ClientId}, whose registration no longer allows refresh tokens", EventName = "RefreshTokensRevoked")]
    public static partial void RefreshTokensRevoked(ILogger logger, string clientId, long count);

    [LoggerMessage(4099, LogLevel.Warning, "Encounter picker rejected an authorization request of client {ClientId}: {Reason}", EventName = "EncounterPickerRejected")]
    public static partial void EncounterPickerRejected(ILogger logger, string clientId, string reason);
}
