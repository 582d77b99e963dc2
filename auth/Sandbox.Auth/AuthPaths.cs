namespace Sandbox.Auth;

/// <summary>The paths the authorization server serves, published by its discovery documents.</summary>
public static class AuthPaths
{
    public const string Authorize = "/auth/authorize";
    public const string Token = "/auth/token";
    public const string Introspect = "/auth/introspect";
    public const string Revoke = "/auth/revoke";
    public const string Register = "/auth/register";
    public const string Jwks = "/.well-known/jwks.json";
    public const string OpenIdConfiguration = "/.well-known/openid-configuration";
    public const string SmartConfiguration = "/.well-known/smart-configuration";
    public const string Login = "/auth/login";
    public const string PatientPicker = "/auth/patient";
    public const string EncounterPicker = "/auth/encounter";
    public const string Consent = "/auth/consent";
}
