namespace Sandbox.SeedData.Apps;

/// <summary>The apps registered in the default seed, one per SMART client kind.</summary>
public static class SeedApps
{
    /// <summary>The path where the sandbox serves the built-in sample app; also its launch and redirect URI.</summary>
    public const string SampleAppPath = "/sample-app/";

    private const string UserScopes =
        "openid fhirUser profile launch launch/patient launch/encounter offline_access online_access "
        + "patient/*.rs user/*.rs patient/*.read user/*.read";

    // Redirect URIs on loopback port 8000, where testers usually run an app under development.
    private static readonly string[] LocalRedirectUris = ["http://localhost:8000/callback", "http://127.0.0.1:8000/callback"];

    public static readonly SeedApp SampleApp = new(
        "sandbox-sample-app", "Sandbox sample app", SeedAppKind.PublicPkce,
        [SampleAppPath], SampleAppPath, UserScopes,
        "The built-in app that shows everything a launch delivered. Public client, PKCE S256.");

    public static readonly SeedApp ConfidentialApp = new(
        "sandbox-confidential-app", "Confidential app (client secret)", SeedAppKind.ConfidentialSymmetric,
        LocalRedirectUris, "http://localhost:8000/launch", UserScopes + " patient/*.cruds user/*.cruds",
        "For a server-side app under test that holds a client secret.");

    public static readonly SeedApp AsymmetricApp = new(
        "sandbox-asymmetric-app", "Confidential app (private key JWT)", SeedAppKind.ConfidentialAsymmetric,
        LocalRedirectUris, "http://localhost:8000/launch", UserScopes,
        "For a server-side app under test that signs client assertions with an RS384 key.");

    public static readonly SeedApp BackendService = new(
        "sandbox-backend-service", "Backend service", SeedAppKind.BackendService,
        [], null, "system/*.rs system/*.read",
        "For SMART Backend Services: system access with an ES384 key and no user (the sandbox has no Bulk Data $export).");

    /// <summary>Every seed app, the sample app first.</summary>
    public static IReadOnlyList<SeedApp> All { get; } = [SampleApp, ConfidentialApp, AsymmetricApp, BackendService];
}
