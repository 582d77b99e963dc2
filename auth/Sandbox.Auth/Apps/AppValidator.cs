using Microsoft.AspNetCore.WebUtilities;
using Sandbox.Smart.Scopes;

namespace Sandbox.Auth.Apps;

/// <summary>Checks an app registration before it is stored.</summary>
internal static class AppValidator
{
    private const int MaxLifetimeSeconds = 365 * 24 * 60 * 60;

    // Anyone may register an app at /auth/register, and its name and URLs end up in pages,
    // headers and the cookie that carries a page's message to the next request. A name of
    // 40,000 characters once made that cookie exceed Kestrel's request-header limit, so every
    // page returned 431 in that browser. The limits are far above what real apps register.
    private const int MaxNameLength = 200;
    private const int MaxClientIdLength = 200;
    private const int MaxUrlLength = 2000;

    /// <summary>Throws <see cref="AppRegistrationException"/> naming the first invalid field.</summary>
    public static void Validate(SmartApp app)
    {
        RejectNullLists(app);
        if (string.IsNullOrWhiteSpace(app.Name))
            throw new AppRegistrationException("name is missing: give the app a name.");

        if (app.Name.Length > MaxNameLength)
            throw new AppRegistrationException($"name has {app.Name.Length} characters; use at most {MaxNameLength}.");

        if (!Enum.IsDefined(app.Kind))
            throw new AppRegistrationException($"kind {app.Kind} is invalid; use Public, ConfidentialSymmetric, ConfidentialAsymmetric or BackendService.");

        if (app.TokenEndpointAuthMethod is { } method && !AuthMethodsOf(app.Kind).Contains(method))
        {
            throw new AppRegistrationException(
                $"tokenEndpointAuthMethod '{method}' does not fit a {app.Kind} app; use {string.Join(" or ", AuthMethodsOf(app.Kind))}, or leave it out.");
        }

        if (app.ClientId is { Length: > MaxClientIdLength })
            throw new AppRegistrationException($"clientId has {app.ClientId.Length} characters; use at most {MaxClientIdLength}.");

        // RFC 3986 unreserved characters, so the client id fits in a URL path without escaping.
        if (app.ClientId is { } clientId && (clientId.Length == 0 || !clientId.All(IsUnreserved)))
            throw new AppRegistrationException($"clientId '{clientId}' is invalid: use only letters, digits and '.', '_', '~', '-'.");

        RejectLongUrl("logoUrl", app.LogoUrl);
        RejectLongUrl("launchUrl", app.LaunchUrl);
        RejectLongUrl("jwksUrl", app.JwksUrl);
        foreach (var uri in app.RedirectUris)
            RejectLongUrl("redirectUris", uri);

        if (app.LogoUrl is not null && !IsHttpUrl(app.LogoUrl))
            throw new AppRegistrationException($"logoUrl '{app.LogoUrl}' is not an absolute http(s) URL.");

        foreach (var uri in app.RedirectUris)
        {
            if (!IsHttpUrl(uri) || uri.Contains('#'))
                throw new AppRegistrationException($"redirectUris contains '{uri}', which is not an absolute http(s) URL without a fragment.");

            if (FindResponseParameter(uri) is { } name)
            {
                throw new AppRegistrationException(
                    $"redirectUris contains '{uri}', which has the '{name}' query parameter; the sandbox adds '{name}' to its authorization responses itself, so remove it.");
            }
        }

        if (app.Kind != AppKind.BackendService && app.RedirectUris.Count == 0)
            throw new AppRegistrationException("redirectUris is empty: an app that launches needs at least one redirect URI.");

        // Redirect URIs also name the origins that CORS allows, so a backend service with some
        // would let browser pages on those origins call the token and FHIR endpoints.
        if (app.Kind == AppKind.BackendService && app.RedirectUris.Count > 0)
            throw new AppRegistrationException("A backend service takes no redirectUris, because it never redirects. Send [] or leave redirectUris out.");

        // A backend service uses client_credentials, whose token response should not include a
        // refresh token (RFC 6749 section 4.4.3). The sandbox sends none, so true would be ignored.
        if (app.Kind == AppKind.BackendService && app.RefreshTokens)
            throw new AppRegistrationException("refreshTokens must be false for a BackendService app, because client_credentials issues no refresh token. Send false or leave refreshTokens out.");

        if (app.LaunchUrl is not null && !IsHttpUrl(app.LaunchUrl))
            throw new AppRegistrationException($"launchUrl '{app.LaunchUrl}' is not an absolute http(s) URL.");

        if (app.JwksUrl is not null && !IsJwksUrl(app.JwksUrl))
            throw new AppRegistrationException($"jwksUrl '{app.JwksUrl}' is invalid: use an absolute https URL, or http on a loopback host.");

        var needsKeys = app.Kind is AppKind.ConfidentialAsymmetric or AppKind.BackendService;
        if (needsKeys && app.Jwks is null && app.JwksUrl is null)
            throw new AppRegistrationException($"A {app.Kind} app needs its public keys: set jwks or jwksUrl.");

        foreach (var scope in app.Scopes)
        {
            if (!SmartScopes.All.Contains(scope) && !ResourceScope.TryParse(scope, out _))
                throw new AppRegistrationException($"scopes contains '{scope}', which is not a SMART scope.");
        }

        if (app.AccessTokenLifetimeSeconds is <= 0 or > MaxLifetimeSeconds || app.RefreshTokenLifetimeSeconds is <= 0 or > MaxLifetimeSeconds)
            throw new AppRegistrationException($"Token lifetimes must be between 1 and {MaxLifetimeSeconds} seconds (one year).");

        if (app.Jwks is not null)
            JwksValidator.Validate(app.Jwks);
    }

    // Checked before the URL's form, so that an error message never repeats a very long value.
    private static void RejectLongUrl(string field, string? url)
    {
        if (url is { Length: > MaxUrlLength })
            throw new AppRegistrationException($"{field} has a URL of {url.Length} characters; use at most {MaxUrlLength}.");
    }

    private static string[] AuthMethodsOf(AppKind kind) => kind switch
    {
        AppKind.Public => [TokenEndpointAuthMethods.None],
        AppKind.ConfidentialSymmetric => [TokenEndpointAuthMethods.ClientSecretBasic, TokenEndpointAuthMethods.ClientSecretPost],
        _ => [TokenEndpointAuthMethods.PrivateKeyJwt],
    };

    // Keys fetched over plain http could be swapped on the way, except on this machine.
    private static bool IsJwksUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback));

    // The parameters that the authorization endpoint appends to the redirect URI (RFC 6749
    // sections 4.1.2 and 4.1.2.1, and "iss" from RFC 9207). With one already in the URI, the
    // app receives the name twice and reads the registered value, which breaks the state check
    // or the code exchange. OpenIddict 7.9 also rejects a redirect URI with "iss" when storing it.
    private static readonly string[] ResponseParameters = ["code", "state", "iss", "error", "error_description", "error_uri"];

    private static string? FindResponseParameter(string redirectUri)
    {
        var keys = QueryHelpers.ParseQuery(new Uri(redirectUri).Query).Keys;
        return ResponseParameters.FirstOrDefault(name => keys.Any(key => key.Equals(name, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-';

    // System.Text.Json sets a list member that the JSON gives as null to null, whatever its
    // default, and a list may contain null items.
    private static void RejectNullLists(SmartApp app)
    {
        if (app.RedirectUris is null)
            throw new AppRegistrationException("redirectUris is null: send a list of redirect URIs, or [] for none.");

        if (app.Scopes is null)
            throw new AppRegistrationException("scopes is null: send a list of scopes, or [] for none.");

        if (app.RedirectUris.Contains(null!))
            throw new AppRegistrationException("redirectUris contains null: send each redirect URI as a string.");

        if (app.Scopes.Contains(null!))
            throw new AppRegistrationException("scopes contains null: send each scope as a string.");
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
