using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sandbox.Smart;
using Sandbox.Smart.Scopes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sandbox.Auth.Endpoints;

/// <summary>
/// Builds the principals behind the sandbox's tokens, and the SMART context parameters of the
/// token response from them.
/// </summary>
internal static class TokenPrincipals
{
    private static readonly string[] ContextParameters =
    [
        SmartParameters.Patient, SmartParameters.Encounter, SmartParameters.NeedPatientBanner, SmartParameters.SmartStyleUrl,
        SmartParameters.Intent, SmartParameters.Tenant, SmartParameters.FhirContext,
    ];

    /// <summary>The principal of an authorization code: the user, the launch context and the granted scopes.</summary>
    public static ClaimsPrincipal ForAuthorization(AuthorizeGrant grant, HttpRequest request, TimeSpan onlineRefreshLifetime)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, grant.Persona?.Username ?? $"app:{grant.App.ClientId}");
        identity.SetClaim(Claims.Name, grant.Persona?.DisplayName);
        if (grant.Persona is not null)
        {
            var fhirUser = $"{SandboxUrls.FhirBase(request)}/{grant.Persona.FhirUser}";
            identity.SetClaim(SmartParameters.FhirUser, fhirUser);
            identity.SetClaim(Claims.Profile, fhirUser);
        }

        if (grant.AuthTime is { } authTime)
        {
            identity.AddClaim(new Claim(
                Claims.AuthenticationTime,
                authTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ClaimValueTypes.Integer64));
        }

        if (grant.Persona?.UserCompartmentPatientIds is { } userPatients)
            identity.SetClaim(ContextClaims.UserPatients, JsonSerializer.Serialize(userPatients));

        identity.SetClaim(SmartParameters.Patient, grant.Patient);
        var patientPicked = grant.Patient is not null && grant.Launch?.Request.Patient is null;
        if (patientPicked)
            identity.SetClaim(ContextClaims.PatientPicked, "true");

        if (grant.Patient is not null && RequestedContext.IncludesPatient(grant.Scopes, patientPicked))
            identity.SetClaim(ContextClaims.PatientReturned, "true");

        identity.SetClaim(SmartParameters.Encounter, grant.Encounter);
        identity.SetClaim(ContextClaims.Launch, grant.Launch?.Id);
        if (grant.Launch is null)
            identity.SetClaim(ContextClaims.Journal, grant.JournalKey);

        AddLaunchContext(identity, grant.Launch?.Request, grant.Patient);

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(grant.Scopes);
        SetLifetimes(principal, grant.App, grant.Scopes, onlineRefreshLifetime);
        principal.SetDestinations(claim => GetDestinations(claim, grant.Scopes));
        return principal;
    }

    private static readonly TimeSpan BackendServiceTokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The principal of a backend service token: the client itself and its system scopes. The
    /// token lives for the app's own access token lifetime or, without one, five minutes, the
    /// lifetime SMART Backend Services recommends, so that a service which ignores
    /// <c>expires_in</c> fails here as it would on a server that follows the recommendation.
    /// </summary>
    public static ClaimsPrincipal ForClientCredentials(Apps.SmartApp app, IReadOnlyList<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, app.ClientId);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetAccessTokenLifetime(app.AccessTokenLifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : BackendServiceTokenLifetime);

        principal.SetDestinations(claim => GetDestinations(claim, scopes));
        return principal;
    }

    /// <summary>
    /// Names the app as the presenter and the FHIR base URL as the audience (the <c>aud</c> claim
    /// RFC 9068 requires). OpenIddict's revocation and introspection endpoints then reject
    /// another client's request about the token, as RFC 7009 and RFC 7662 require.
    /// </summary>
    public static void SetAudienceAndPresenter(ClaimsPrincipal principal, string fhirBase, string clientId)
    {
        principal.SetAudiences(fhirBase);
        principal.SetPresenters(clientId);
    }

    /// <summary>
    /// Chooses the tokens each claim goes to for the given access token scopes: <c>name</c> and
    /// <c>profile</c> reach the id_token only under <c>profile</c>, and <c>fhirUser</c> only under
    /// <c>fhirUser</c>.
    /// </summary>
    public static void SetDestinations(ClaimsPrincipal principal, IReadOnlyList<string> scopes) =>
        principal.SetDestinations(claim => GetDestinations(claim, scopes));

    /// <summary>
    /// The scope and the SMART context parameters of the token response, read from the principal.
    /// Only the context that the granted scopes ask for, and a patient chosen during authorization,
    /// is returned (see <see cref="RequestedContext"/>).
    /// </summary>
    public static AuthenticationProperties ResponseParameters(ClaimsPrincipal principal)
    {
        var properties = new AuthenticationProperties();
        var parameters = properties.Parameters;
        var scopes = principal.GetScopes();
        parameters[Parameters.Scope] = string.Join(' ', scopes);
        foreach (var (name, value) in ReadContext(principal))
            parameters[name] = value;

        if (RequestedContext.Includes(scopes, ContextClaims.Extra) && principal.GetClaim(ContextClaims.Extra) is { } extra)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(extra) ?? [])
                parameters.TryAdd(name, value);
        }

        return properties;
    }

    /// <summary>
    /// Returns the SMART launch context parameters that <see cref="RequestedContext"/> selects, each as
    /// the token response types it: strings, <c>need_patient_banner</c> as a boolean and
    /// <c>fhirContext</c> as a JSON array.
    /// </summary>
    public static IEnumerable<(string Name, object Value)> ReadContext(ClaimsPrincipal principal)
    {
        var scopes = principal.GetScopes();
        // A patient that the app chose, or that a token response already named, stays known to it.
        var patientKnown = principal.GetClaim(ContextClaims.PatientPicked) == "true"
            || principal.GetClaim(ContextClaims.PatientReturned) == "true";
        foreach (var name in ContextParameters)
        {
            var requested = name == SmartParameters.Patient
                ? RequestedContext.IncludesPatient(scopes, patientKnown)
                : RequestedContext.Includes(scopes, name);
            if (!requested || principal.GetClaim(name) is not { } value)
                continue;

            yield return name switch
            {
                SmartParameters.NeedPatientBanner => (name, bool.Parse(value)),
                SmartParameters.FhirContext => (name, JsonSerializer.Deserialize<JsonElement>(value)),
                _ => (name, value),
            };
        }
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static void AddLaunchContext(ClaimsIdentity identity, Launches.LaunchRequest? launch, string? patient)
    {
        // The banner shows the patient in context, so the flag means nothing without one. A
        // standalone launch has no EHR screen around the app to show the patient, so the app must.
        if (patient is not null)
        {
            var needsBanner = launch?.NeedPatientBanner ?? true;
            identity.SetClaim(SmartParameters.NeedPatientBanner, needsBanner);
        }

        if (launch is null)
            return;

        if (launch.FhirContext is { Count: > 0 } items)
            identity.SetClaim(SmartParameters.FhirContext, new JsonArray([.. items.Select(item => item.DeepClone())]).ToJsonString());

        identity.SetClaim(SmartParameters.SmartStyleUrl, launch.SmartStyleUrl);
        identity.SetClaim(SmartParameters.Intent, launch.Intent);
        identity.SetClaim(SmartParameters.Tenant, launch.Tenant);
        if (launch.Extra is { Count: > 0 } extra)
            identity.SetClaim(ContextClaims.Extra, JsonSerializer.Serialize(extra));
    }

    private static void SetLifetimes(
        ClaimsPrincipal principal,
        Apps.SmartApp app,
        IReadOnlyList<string> scopes,
        TimeSpan onlineRefreshLifetime)
    {
        if (app.AccessTokenLifetimeSeconds is { } access)
            principal.SetAccessTokenLifetime(TimeSpan.FromSeconds(access));

        if (app.RefreshTokenLifetimeSeconds is { } refresh)
            principal.SetRefreshTokenLifetime(TimeSpan.FromSeconds(refresh));
        else if (scopes.Contains(SmartScopes.OnlineAccess) && !scopes.Contains(SmartScopes.OfflineAccess))
            principal.SetRefreshTokenLifetime(onlineRefreshLifetime);
    }

    private static IEnumerable<string> GetDestinations(Claim claim, IReadOnlyList<string> scopes)
    {
        switch (claim.Type)
        {
            case Claims.Name when scopes.Contains(SmartScopes.Profile):
                yield return Destinations.IdentityToken;
                yield break;
            // SMART App Launch 1.0 names the user's FHIR resource URL in the id_token's profile
            // claim under the profile scope, and fhirclient.js 2.6 reads it when fhirUser is missing.
            case Claims.Profile when scopes.Contains(SmartScopes.Profile):
                yield return Destinations.IdentityToken;
                yield break;
            // OpenID Connect Core 1.0 section 2: auth_time is required when max_age was sent, and
            // sending it always is allowed.
            case Claims.AuthenticationTime:
                yield return Destinations.IdentityToken;
                yield break;
            // SMART App Launch 2.2: the fhirUser scope requests the fhirUser claim in the id_token.
            case SmartParameters.FhirUser:
                yield return Destinations.AccessToken;
                if (scopes.Contains(SmartScopes.FhirUser))
                    yield return Destinations.IdentityToken;

                yield break;
            // The access token carries the launch context so that introspection can return it,
            // as SMART's token introspection requires.
            case SmartParameters.Patient or SmartParameters.Encounter or SmartParameters.NeedPatientBanner
                or SmartParameters.SmartStyleUrl or SmartParameters.Intent or SmartParameters.Tenant or SmartParameters.FhirContext
                or ContextClaims.Launch or ContextClaims.Journal or ContextClaims.UserPatients or ContextClaims.PatientPicked
                or ContextClaims.PatientReturned:
                yield return Destinations.AccessToken;
                yield break;
        }

        // The extra parameters stay in the authorization code and the refresh token only; the
        // token response returns them as parameters.
    }
}
