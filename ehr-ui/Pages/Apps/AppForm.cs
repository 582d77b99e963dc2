using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;

namespace Sandbox.EhrUi.Pages.Apps;

/// <summary>The fields of the app registration form, converted to and from <see cref="SmartApp"/>.</summary>
public sealed class AppForm
{
    public string? ClientId { get; set; }

    public string? Name { get; set; }

    public AppKind Kind { get; set; }

    /// <summary>A client secret of the tester's choice; empty generates one (new app) or keeps the current one (edit).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How a confidential symmetric app must send its secret (<c>client_secret_basic</c> or
    /// <c>client_secret_post</c>), or null to accept both.
    /// </summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>Redirect URIs, one per line.</summary>
    public string? RedirectUris { get; set; }

    public string? LaunchUrl { get; set; }

    public string? LogoUrl { get; set; }

    public string? Description { get; set; }

    /// <summary>Allowed scopes separated by spaces or line breaks; empty allows every scope.</summary>
    public string? Scopes { get; set; }

    public ScopePolicy ScopePolicy { get; set; }

    /// <summary>The PKCE policy, or null for the default (required).</summary>
    public PkcePolicy? Pkce { get; set; }

    public bool ShowConsent { get; set; }

    /// <summary>
    /// Whether the app may get refresh tokens. The form of a new app starts with it ticked, and
    /// <see cref="ToApp"/> ignores it for a backend service, which gets none.
    /// </summary>
    public bool RefreshTokens { get; set; } = true;

    public int? AccessTokenLifetimeSeconds { get; set; }

    public int? RefreshTokenLifetimeSeconds { get; set; }

    /// <summary>A pasted JWK Set as JSON.</summary>
    public string? Jwks { get; set; }

    public string? JwksUrl { get; set; }

    public static AppForm From(SmartApp app) => new()
    {
        ClientId = app.ClientId,
        Name = app.Name,
        Kind = app.Kind,
        TokenEndpointAuthMethod = app.TokenEndpointAuthMethod,
        RedirectUris = string.Join('\n', app.RedirectUris),
        LaunchUrl = app.LaunchUrl,
        LogoUrl = app.LogoUrl,
        Description = app.Description,
        Scopes = string.Join(' ', app.Scopes),
        ScopePolicy = app.ScopePolicy,
        Pkce = app.Pkce,
        ShowConsent = app.ShowConsent,
        RefreshTokens = app.RefreshTokens,
        AccessTokenLifetimeSeconds = app.AccessTokenLifetimeSeconds,
        RefreshTokenLifetimeSeconds = app.RefreshTokenLifetimeSeconds,
        Jwks = app.Jwks?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        JwksUrl = app.JwksUrl,
    };

    /// <summary>Converts the form; the registry checks the rest. Returns null with a problem when the JWK Set is not a JSON object.</summary>
    public SmartApp? ToApp(out string? problem)
    {
        problem = null;
        JsonObject? jwks = null;
        if (!string.IsNullOrWhiteSpace(Jwks))
        {
            try
            {
                jwks = JsonNode.Parse(Jwks) as JsonObject;
            }
            catch (JsonException exception)
            {
                problem = $"The pasted JWK Set is not valid JSON: {exception.Message}";
                return null;
            }

            if (jwks is null)
            {
                problem = "The pasted JWK Set must be a JSON object with a \"keys\" array.";
                return null;
            }
        }

        var app = new SmartApp
        {
            ClientId = Trim(ClientId),
            Name = Trim(Name) ?? string.Empty,
            Kind = Kind,
            ClientSecret = Trim(ClientSecret),
            TokenEndpointAuthMethod = Trim(TokenEndpointAuthMethod),
            RedirectUris = Split(RedirectUris),
            LaunchUrl = Trim(LaunchUrl),
            LogoUrl = Trim(LogoUrl),
            Description = Trim(Description),
            Scopes = Split(Scopes),
            ScopePolicy = ScopePolicy,
            Pkce = Pkce,
            ShowConsent = ShowConsent,
            AccessTokenLifetimeSeconds = AccessTokenLifetimeSeconds,
            RefreshTokenLifetimeSeconds = RefreshTokenLifetimeSeconds,
            Jwks = jwks,
            JwksUrl = Trim(JwksUrl),
        };

        // The box starts ticked, and the page has no script to untick it when Backend service is
        // chosen. So the box is ignored for a backend service, and the kind's default, false, applies.
        return Kind == AppKind.BackendService ? app : app with { RefreshTokens = RefreshTokens };
    }

    /// <summary>True when the box is ticked for a backend service, whose app is saved without refresh tokens.</summary>
    public bool IgnoresRefreshTokens => Kind == AppKind.BackendService && RefreshTokens;

    private static List<string> Split(string? text) =>
        (text ?? string.Empty).Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
